package io.tokenbroker.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtuTest {

    @Test
    void dropsQueryAndFragmentAndNormalisesSchemeHostPortAndDotSegments() {
        assertThat(Htu.of("https://api.example.com/v1/users?limit=5#top")).isEqualTo("https://api.example.com/v1/users");
        assertThat(Htu.of("HTTPS://API.Example.COM:443/a/./b/../c")).isEqualTo("https://api.example.com/a/c");
        assertThat(Htu.of("http://api.example.com:80")).isEqualTo("http://api.example.com/");
        assertThat(Htu.of("http://api.example.com:8080/x/")).isEqualTo("http://api.example.com:8080/x/");
        assertThat(Htu.of("https://[::1]:8443/p%20q")).isEqualTo("https://[::1]:8443/p%20q");
    }

    @Test
    void originIsSchemeHostAndNonDefaultPort() {
        assertThat(Htu.origin("https://Org.okta.com:443/oauth2/v1/token")).isEqualTo("https://org.okta.com");
        assertThat(Htu.origin("http://127.0.0.1:8080/oauth2/v1/token?x")).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpUrl() {
        for (String bad : new String[] { "/relative", "ftp://a.example/x", "https://", "not a url", "mailto:a@b.example" }) {
            assertThatThrownBy(() -> Htu.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
