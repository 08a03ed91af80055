package io.tokenbroker.okta;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter, capped. */
public final class Backoff {

    private Backoff() {
    }

    /** The ceiling for attempt {@code n} (1-based): {@code initial × 2^(n-1)}, at most {@code max}. */
    public static Duration ceiling(Duration initial, Duration max, int n) {
        long factor = 1L << Math.min(Math.max(n - 1, 0), 30);
        long millis = initial.toMillis() > max.toMillis() / factor ? max.toMillis() : initial.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Full jitter: uniformly random between zero and the ceiling. */
    public static Duration fullJitter(Duration initial, Duration max, int n, RandomGenerator random) {
        long ceiling = ceiling(initial, max, n).toMillis();
        return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }

    /** Equal jitter: half the ceiling plus a random share of the other half (never near zero). */
    public static Duration equalJitter(Duration initial, Duration max, int n, RandomGenerator random) {
        long ceiling = ceiling(initial, max, n).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half <= 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }
}
