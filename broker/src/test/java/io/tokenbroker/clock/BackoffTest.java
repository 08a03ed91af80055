package io.tokenbroker.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tokenbroker.clock.Backoff.Jitter;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.testsupport.TestConfig;

/** The one backoff policy: ceilings, bounds and the range of each jitter, over many seeded draws. */
class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(5);

    private static Backoff backoff(Jitter jitter) {
        return new Backoff(INITIAL, MAX, jitter, new Random(42));
    }

    @Test
    void theCeilingDoublesPerAttemptUpToTheCap() {
        Backoff backoff = backoff(Jitter.NONE);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(6)).isEqualTo(MAX);
        assertThat(backoff.after(200)).isEqualTo(MAX);
        assertThat(backoff.after(0)).isEqualTo(INITIAL);
    }

    @Test
    void fullJitterSpreadsOverTheWholeRangeUpToTheCeiling() {
        assertSpreadOverAttemptThree(backoff(Jitter.FULL), 0, 1000);
        assertThat(backoff(Jitter.FULL).after(40)).isBetween(Duration.ZERO, MAX);
    }

    @Test
    void equalJitterKeepsHalfTheCeilingAndRandomisesTheOtherHalf() {
        assertSpreadOverAttemptThree(backoff(Jitter.EQUAL), 500, 1000);
        assertThat(backoff(Jitter.EQUAL).after(40)).isBetween(MAX.dividedBy(2), MAX);
    }

    /** 2000 draws after attempt 3 (ceiling 1 s) stay within [lowest, highest] ms and come within 10% of both ends. */
    private static void assertSpreadOverAttemptThree(Backoff backoff, long lowest, long highest) {
        long least = Long.MAX_VALUE;
        long greatest = 0;
        for (int i = 0; i < 2000; i++) {
            long wait = backoff.after(3).toMillis();
            assertThat(wait).isBetween(lowest, highest);
            least = Math.min(least, wait);
            greatest = Math.max(greatest, wait);
        }
        long margin = (highest - lowest) / 10;
        assertThat(least).isLessThan(lowest + margin);
        assertThat(greatest).isGreaterThan(highest - margin);
    }

    @Test
    void aHintLongerThanTheBackoffWinsAndAShorterOneDoesNot() {
        Backoff backoff = backoff(Jitter.NONE);
        assertThat(backoff.after(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(1, Duration.ofMillis(100))).isEqualTo(INITIAL);
        assertThat(backoff.after(2, new TemporarilyUnavailableException("down", Duration.ofSeconds(7))))
                .isEqualTo(Duration.ofSeconds(7));
        // a rejection carries no Retry-After, an unknown failure neither
        assertThat(backoff.after(2, new UpstreamRejectedException("invalid_client", "no"))).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(2, new IllegalStateException())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void eachScheduleFollowsItsConfigurationKeys() {
        var config = TestConfig.broker(Map.of("broker.retry.initial-backoff", "100ms", "broker.retry.max-backoff", "2s",
                "broker.retry.max-failure-backoff", "8s", "broker.vault.retry-initial", "3s", "broker.vault.retry-max", "10s"));

        Backoff requests = Backoff.tokenRequests(config.retry());
        assertThat(requests.max()).isEqualTo(Duration.ofSeconds(2));
        assertThat(requests.ceiling(2)).isEqualTo(Duration.ofMillis(200));

        Backoff fetches = Backoff.failedFetches(config.retry());
        assertThat(fetches.max()).isEqualTo(Duration.ofSeconds(8));
        assertThat(fetches.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(fetches.after(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));

        Backoff keys = Backoff.keyReads(config.vault());
        assertThat(keys.after(1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(keys.after(2)).isEqualTo(Duration.ofSeconds(6));
        assertThat(keys.after(3)).isEqualTo(Duration.ofSeconds(10));
    }
}
