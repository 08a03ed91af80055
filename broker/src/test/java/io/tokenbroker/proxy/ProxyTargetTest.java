package io.tokenbroker.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.tokenbroker.error.InvalidRequestException;

/** The proxy's only destination is the Okta domain; no caller path changes that. */
class ProxyTargetTest {

    private final ProxyTarget okta = ProxyTarget.of("https://Org.okta.com/");

    @Test
    void theDomainFixesSchemeHostAndPort() {
        assertThat(okta).isEqualTo(new ProxyTarget("https", "Org.okta.com", 443));
        assertThat(ProxyTarget.of("http://127.0.0.1:8181").origin()).isEqualTo("http://127.0.0.1:8181");
        // the nonce memory is keyed by origin: the proxy's must equal the one a proof's URL gives
        assertThat(okta.origin()).isEqualTo("https://org.okta.com")
                .isEqualTo(io.tokenbroker.dpop.Htu.origin(okta.origin() + "/api/v1/users"));
        assertThatThrownBy(() -> ProxyTarget.of("http://org.okta.com")).hasMessageContaining("https");
    }

    @Test
    void pathsAndQueriesStayOnTheDomainAsReceived() {
        assertThat(okta.requestTarget("/api/v1/users", "limit=2&q=a%20b")).isEqualTo("/api/v1/users?limit=2&q=a%20b");
        assertThat(okta.requestTarget("", null)).isEqualTo("/");
        assertThat(okta.requestTarget("//evil.example/x", null)).isEqualTo("/evil.example/x");
        assertThat(okta.requestTarget("/http://evil.example/x", null)).isEqualTo("/http://evil.example/x");
    }

    @Test
    void dotSegmentsAndEncodedSeparatorsAreRefused() {
        for (String path : new String[] { "/api/../oauth2/v1/token", "/api/%2e%2E/x", "/..", "/api/.", "/api%2fv1", "/a%5Cb", "/a\\b" }) {
            assertThatThrownBy(() -> okta.requestTarget(path, null)).as(path).isInstanceOf(InvalidRequestException.class);
        }
    }
}
