package io.tokenbroker.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.tokenbroker.okta.TokenRequestEnded;
import io.tokenbroker.testsupport.ManualClock;

class UpstreamStateTest {

    @Test
    void downOnlyAfterTwoMinutesOfFailuresAndUpAtTheFirstSuccess() {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
        UpstreamState state = new UpstreamState(clock);
        state.onRequestEnded(new TokenRequestEnded("unreachable"));
        assertThat(state.down()).isFalse();
        clock.advance(Duration.ofSeconds(90));
        state.onRequestEnded(new TokenRequestEnded("unreachable"));
        assertThat(state.down()).isFalse(); // a blip does not flap
        clock.advance(Duration.ofSeconds(31));
        assertThat(state.down()).isTrue();
        assertThat(state.consecutiveFailures()).isEqualTo(2);
        assertThat(state.lastError()).isEqualTo("unreachable");
        state.onRequestEnded(new TokenRequestEnded(TokenRequestEnded.NONE));
        assertThat(state.down()).isFalse();
        assertThat(state.lastError()).isEmpty();
    }
}
