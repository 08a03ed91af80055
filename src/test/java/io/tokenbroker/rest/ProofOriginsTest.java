package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
}
