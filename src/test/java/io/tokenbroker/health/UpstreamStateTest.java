package io.tokenbroker.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.tokenbroker.testsupport.MutableClock;

class UpstreamStateTest {

    @Test
    void downOnlyAfterTwoMinutesOfFailuresAndUpAtTheFirstSuccess() {
        UpstreamState state = new UpstreamState(MutableClock.INSTANCE);
        state.failure("unreachable");
        assertThat(state.down()).isFalse();
        MutableClock.INSTANCE.advance(Duration.ofSeconds(90));
        state.failure("unreachable");
        assertThat(state.down()).isFalse(); // a blip does not flap
        MutableClock.INSTANCE.advance(Duration.ofSeconds(31));
        assertThat(state.down()).isTrue();
        assertThat(state.consecutiveFailures()).isEqualTo(2);
        state.success();
        assertThat(state.down()).isFalse();
        assertThat(state.lastError()).isEmpty();
    }
}
