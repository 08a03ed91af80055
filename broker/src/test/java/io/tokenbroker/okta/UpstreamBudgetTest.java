package io.tokenbroker.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.tokenbroker.okta.UpstreamBudget.Priority;
import io.tokenbroker.testsupport.ManualClock;

class UpstreamBudgetTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));

    @Test
    void aSpentBudgetRefusesUntilTheOldestPermitLeavesTheWindow() {
        UpstreamBudget budget = new UpstreamBudget(clock, 3); // too small for a reserve
        assertThat(budget.tryAcquire(Priority.NORMAL)).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(budget.tryAcquire(Priority.NORMAL)).isTrue();
        assertThat(budget.tryAcquire(Priority.NORMAL)).isTrue();
        assertThat(budget.tryAcquire(Priority.NORMAL)).isFalse();
        assertThat(budget.untilAvailable(Priority.NORMAL)).isEqualTo(Duration.ofSeconds(50));

        clock.advance(Duration.ofSeconds(50));
        assertThat(budget.untilAvailable(Priority.NORMAL)).isZero();
        assertThat(budget.tryAcquire(Priority.NORMAL)).isTrue();
        assertThat(budget.tryAcquire(Priority.NORMAL)).isFalse();
        assertThat(budget.untilAvailable(Priority.NORMAL)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aQuarterOfTheBudgetIsHeldBackForHighPriorityFetches() {
        UpstreamBudget budget = new UpstreamBudget(clock, 8);
        for (int i = 0; i < 6; i++) {
            assertThat(budget.tryAcquire(Priority.NORMAL)).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(budget.tryAcquire(Priority.NORMAL)).isFalse();
        // the oldest permit (taken at 0 s) leaves the window in 54 s
        assertThat(budget.untilAvailable(Priority.NORMAL)).isEqualTo(Duration.ofSeconds(54));
        assertThat(budget.untilAvailable(Priority.HIGH)).isZero();

        assertThat(budget.tryAcquire(Priority.HIGH)).isTrue();
        assertThat(budget.tryAcquire(Priority.HIGH)).isTrue();
        assertThat(budget.tryAcquire(Priority.HIGH)).isFalse();
        assertThat(budget.untilAvailable(Priority.HIGH)).isEqualTo(Duration.ofSeconds(54));
        // eight spent: a normal fetch waits for three to leave, the third oldest taken at 2 s
        assertThat(budget.untilAvailable(Priority.NORMAL)).isEqualTo(Duration.ofSeconds(56));
    }

    @Test
    void refreshesOfOtherScopeSetsLeaveThePinnedScopeSetsTheirShare() {
        UpstreamBudget budget = new UpstreamBudget(clock, 60); // 15 held back from new scope sets, 5 of them for the pinned
        int normal = 0;
        while (budget.tryAcquire(Priority.NORMAL)) {
            normal++;
        }
        int refreshes = 0;
        while (budget.tryAcquire(Priority.REFRESH)) {
            refreshes++;
        }
        int pinned = 0;
        while (budget.tryAcquire(Priority.HIGH)) {
            pinned++;
        }
        assertThat(normal).isEqualTo(45);
        assertThat(refreshes).isEqualTo(10);
        assertThat(pinned).isEqualTo(5);
    }
}
