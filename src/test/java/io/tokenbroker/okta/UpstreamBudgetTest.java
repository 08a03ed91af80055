package io.tokenbroker.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.tokenbroker.testsupport.ManualClock;

class UpstreamBudgetTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final UpstreamBudget budget = new UpstreamBudget(clock, 3);

    @Test
    void aSpentBudgetRefusesUntilTheOldestPermitLeavesTheWindow() {
        assertThat(budget.tryAcquire()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.untilAvailable()).isEqualTo(Duration.ofSeconds(50));

        clock.advance(Duration.ofSeconds(50));
        assertThat(budget.untilAvailable()).isZero();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.untilAvailable()).isEqualTo(Duration.ofSeconds(10));
    }
}
