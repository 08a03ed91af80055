package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HostRuleTest {

    private final HostRule rule = new HostRule(List.of("broker.internal", " Sidecar.Example:8443 "));

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.0.0.1:7523", "localhost", "LOCALHOST:1", "[::1]", "[::1]:7523",
            "broker.internal", "broker.internal:7523", "sidecar.example:8443" })
    void loopbackNamesAndConfiguredOnesAreAccepted(String host) {
        assertThat(rule.allows(host)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "evil.example", "evil.example:7523", "127.0.0.1.evil.example", "localhost.evil.example",
            "sidecar.example", "sidecar.example:9443", "127.0.0.2", "::1", "[::1", "[::1]x", "localhost:", "localhost:abc",
            "localhost:7523:1", "10.0.0.1:7523", "[::2]:7523", ":7523" })
    void everyOtherHostIsRefused(String host) {
        assertThat(rule.allows(host)).isFalse();
    }

    /** The rule remembers the last allowed value: that must never let another one through. */
    @ParameterizedTest
    @ValueSource(strings = { "evil.example", "127.0.0.1.evil.example", "127.0.0.1:7523x", "127.0.0.1:7523:1", "" })
    void aHostAllowedBeforeLetsNoOtherThrough(String other) {
        assertThat(rule.allows("127.0.0.1:7523")).isTrue();
        assertThat(rule.allows(other)).isFalse();
        assertThat(rule.allows("127.0.0.1:7523")).isTrue();
        assertThat(rule.allows(other)).isFalse();
    }
}
