package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopeSet;

class FreshnessTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Freshness freshness = new Freshness(Duration.ofSeconds(60), 0.8);

    private static IssuedToken token(long lifetimeSeconds) {
        return new IssuedToken("t", "Bearer", T0, T0.plusSeconds(lifetimeSeconds), "s", new ScopeSet(List.of("s")));
    }

    @Test
    void aTokenIsServedUntilMinValidityIsLeft() {
        IssuedToken hour = token(3600);
        assertThat(freshness.servable(hour, T0.plusSeconds(3540))).isTrue();
        assertThat(freshness.servable(hour, T0.plusSeconds(3541))).isFalse();
    }

    @Test
    void aRefreshIsDueAfterTheRatioOfTheUsableWindow() {
        assertThat(freshness.refreshAt(token(3600))).isEqualTo(T0.plusSeconds(2832)); // 0.8 × 3540 s
    }

    @Test
    void aTokenShorterThanMinValidityIsStillServedForHalfItsLife() {
        IssuedToken short30 = token(30);
        assertThat(freshness.effectiveMinValidity(short30)).isEqualTo(Duration.ofSeconds(15));
        assertThat(freshness.servable(short30, T0)).isTrue();
        assertThat(freshness.servable(short30, T0.plusSeconds(15))).isTrue();
        assertThat(freshness.servable(short30, T0.plusSeconds(16))).isFalse();
        assertThat(freshness.refreshAt(short30)).isEqualTo(T0.plusSeconds(12));
    }
}
