package io.tokenbroker.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(5);

    @Test
    void theCeilingDoublesPerAttemptUpToTheCap() {
        assertThat(Backoff.ceiling(INITIAL, MAX, 1)).isEqualTo(Duration.ofMillis(250));
        assertThat(Backoff.ceiling(INITIAL, MAX, 2)).isEqualTo(Duration.ofMillis(500));
        assertThat(Backoff.ceiling(INITIAL, MAX, 5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.ceiling(INITIAL, MAX, 6)).isEqualTo(MAX);
        assertThat(Backoff.ceiling(INITIAL, MAX, 200)).isEqualTo(MAX);
    }

    @Test
    void fullJitterSpreadsOverTheWholeRangeAndEqualJitterKeepsHalf() {
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long full = Backoff.fullJitter(INITIAL, MAX, 3, random).toMillis();
            assertThat(full).isBetween(0L, 1000L);
            min = Math.min(min, full);
            max = Math.max(max, full);
            assertThat(Backoff.equalJitter(INITIAL, MAX, 3, random).toMillis()).isBetween(500L, 1000L);
        }
        assertThat(min).isLessThan(100);
        assertThat(max).isGreaterThan(900);
    }
}
