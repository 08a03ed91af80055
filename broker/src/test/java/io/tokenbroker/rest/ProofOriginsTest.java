package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.testsupport.TestConfig;

class ProofOriginsTest {

    @ParameterizedTest
    @CsvSource({ "https://API.Example.com, https://api.example.com", "https://api.example.com:443/, https://api.example.com",
            "http://api.example.com:8080, http://api.example.com:8080", "https://[::1]:8443, https://[::1]:8443" })
    void anAllowedOriginIsNormalisedAsProofsAre(String entry, String origin) {
        assertThat(ProofOrigins.parse(entry)).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = { "api.example.com", "ftp://api.example.com", "https://api.example.com/path", "https://u@api.example.com",
            "https://api.example.com?x=1", "https://api.example.com#f", "https://", "not an origin" })
    void anythingButAnOriginFailsTheStartNamingTheEntry(String entry) {
        assertThatThrownBy(() -> ProofOrigins.parse(entry)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broker.dpop.allowed-origins").hasMessageContaining(entry);
    }

    private static final ProofOrigins OKTA = new ProofOrigins(TestConfig.broker(Map.of("broker.okta.domain", "https://org.okta.com")),
            TokenEndpoint.configured(TestConfig.broker(Map.of("broker.okta.domain", "https://org.okta.com"))));

    @ParameterizedTest
    @ValueSource(strings = { "https://org.okta.com/oauth2/v1/token", "HTTPS://ORG.okta.com:443/oauth2/v1/token",
            "https://org.okta.com/oauth2/v1/token?grant_type=client_credentials", "https://org.okta.com/oauth2/v1/token#x",
            "https://org.okta.com/oauth2/v1/token/", "https://org.okta.com//oauth2/v1//token", "https://org.okta.com/oauth2/v1/%74oken",
            "https://org.okta.com/oauth2/v1/TOKEN", "https://org.okta.com/oauth2/x/../v1/token", "https://org.okta.com/oauth2/v1/./token" })
    void everySpellingOfTheTokenEndpointIsRecognised(String url) {
        assertThat(OKTA.allows(url)).isTrue(); // the origin is allowed: the endpoint needs its own rule
        assertThat(OKTA.isTokenEndpoint(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://org.okta.com/oauth2/v1/userinfo", "https://org.okta.com/oauth2/v1/token2",
            "https://org.okta.com/oauth2/default/v1/token", "https://org.okta.com/api/v1/users", "https://org.okta.com" })
    void otherUrlsOfTheOktaDomainAreNotTheTokenEndpoint(String url) {
        assertThat(OKTA.isTokenEndpoint(url)).isFalse();
    }
}
