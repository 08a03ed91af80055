package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SafeUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = { "https://vault.example.com:8200", "http://127.0.0.1:8200", "http://[::1]:8200", "http://localhost",
            "HTTP://LOCALHOST:1" })
    void httpsAnywhereAndPlainHttpOnlyToLoopbackAreAccepted(String url) {
        assertThat(SafeUrls.secure(url, "the URL").getHost()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://vault.example.com", "http://10.0.0.1:8200", "http://127.0.0.1.nip.io", "ftp://127.0.0.1",
            "vault.example.com", "http://localhost.example.com" })
    void anythingElseIsAConfigurationError(String url) {
        assertThatThrownBy(() -> SafeUrls.secure(url, "the Vault address (quarkus.vault.url)"))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(CliException.CONFIGURATION);
                    assertThat(e.getMessage()).contains("quarkus.vault.url");
                });
    }

    @Test
    void segmentsAreEncodedAndTraversalIsRefused() {
        assertThat(SafeUrls.segment("0oa1/../x y", "the client id")).isEqualTo("0oa1%2F..%2Fx%20y");
        assertThat(SafeUrls.path("/token-broker/okta/", "the path")).isEqualTo("token-broker/okta");
        assertThat(SafeUrls.path("team a/ok?ta", "the path")).isEqualTo("team%20a/ok%3Fta");
        assertThatThrownBy(() -> SafeUrls.path("a/../b", "the path")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafeUrls.path("a//b", "the path")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafeUrls.segment(".", "the key id")).isInstanceOf(IllegalArgumentException.class);
    }
}
