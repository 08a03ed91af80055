package io.tokenbroker.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

import io.tokenbroker.testsupport.ManualClock;

class RateLimitGateTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final RateLimitGate gate = new RateLimitGate(clock, clock.pause(), 5, Duration.ofSeconds(5));

    @Test
    void openWhileRequestsRemain() {
        gate.observe(200, Map.of("X-Rate-Limit-Remaining", "300", "X-Rate-Limit-Reset",
                Long.toString(NOW.getEpochSecond() + 60))::get);
        assertThat(gate.remaining()).isZero();
    }

    @Test
    void a429ClosesUntilRetryAfterOrTheReset() {
        gate.observe(429, Map.of("X-Rate-Limit-Reset", Long.toString(NOW.getEpochSecond() + 30))::get);
        assertThat(gate.remaining()).isEqualTo(Duration.ofSeconds(30));
        gate.observe(429, Map.of("Retry-After", "45")::get);
        assertThat(gate.remaining()).isEqualTo(Duration.ofSeconds(45));
        gate.observe(429, Map.of("Retry-After", "5")::get); // never shortened
        assertThat(gate.remaining()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void lowRemainingSpreadsTheRestOverTheWindow() {
        gate.observe(200, Map.of("X-Rate-Limit-Remaining", "3", "X-Rate-Limit-Reset",
                Long.toString(NOW.getEpochSecond() + 40))::get);
        assertThat(gate.remaining()).isEqualTo(Duration.ofSeconds(10)); // 40 s / (3 + 1)
    }

    @Test
    void aRateLimitHintFarAheadPausesForAnHourAtMost() {
        gate.observe(429, Map.of("Retry-After", "999999999999")::get);
        assertThat(gate.remaining()).isEqualTo(Duration.ofHours(1));
        gate.observe(429, Map.of("X-Rate-Limit-Reset", "999999999999")::get);
        assertThat(gate.remaining()).isEqualTo(Duration.ofHours(1));
        gate.observe(200, Map.of("X-Rate-Limit-Remaining", "0", "X-Rate-Limit-Reset", "999999999999")::get);
        assertThat(gate.remaining()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRequestIsHeldWhileTheGateClosesBrieflyAndRefusedAtOnceWhenItClosesForLonger() {
        gate.observe(429, Map.of("Retry-After", "3")::get);
        UniAssertSubscriber<Void> held = gate.pass().subscribe().withSubscriber(UniAssertSubscriber.create());
        clock.advance(Duration.ofSeconds(2));
        held.assertNotTerminated();
        clock.advance(Duration.ofSeconds(1));
        held.assertCompleted();

        gate.observe(429, Map.of("Retry-After", "30")::get);
        Throwable refused = gate.pass().subscribe().withSubscriber(UniAssertSubscriber.create()).getFailure();
        assertThat(refused).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) refused).retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(clock.pauses()).containsExactly(Duration.ofSeconds(3));
    }
}
