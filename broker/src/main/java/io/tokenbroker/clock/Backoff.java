package io.tokenbroker.clock;

import java.time.Duration;
import java.util.random.RandomGenerator;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.BrokerException;

/**
 * The broker's one backoff policy: how long to wait after failed attempt {@code n} (1-based), from a
 * ceiling of {@code initial × 2^(n-1)} capped at {@code max}, and a jitter. Every retry loop asks
 * one of the schedules below and waits with {@link Pause}; each schedule is what its configuration
 * keys document.
 */
public final class Backoff {

    /** How much of the ceiling is random. */
    public enum Jitter {
        /** The ceiling itself. */
        NONE,
        /** Half the ceiling plus a random share of the other half: never near zero. */
        EQUAL,
        /** Uniformly random between zero and the ceiling. */
        FULL
    }

    /** The first wait after a failed fetch, as {@code broker.retry.max-failure-backoff} documents it. */
    static final Duration FIRST_FAILURE_BACKOFF = Duration.ofSeconds(1);

    private final Duration initial;
    private final Duration max;
    private final Jitter jitter;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, Jitter jitter, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** Between the attempts of one token fetch: {@code broker.retry.initial-backoff} → {@code max-backoff}, full jitter. */
    public static Backoff tokenRequests(BrokerConfig.Retry retry) {
        return new Backoff(retry.initialBackoff(), retry.maxBackoff(), Jitter.FULL, RandomGenerator.getDefault());
    }

    /** Between failed fetches of one scope set: 1 s → {@code broker.retry.max-failure-backoff}, equal jitter. */
    public static Backoff failedFetches(BrokerConfig.Retry retry) {
        return new Backoff(FIRST_FAILURE_BACKOFF, retry.maxFailureBackoff(), Jitter.EQUAL, RandomGenerator.getDefault());
    }

    /** Between reads of a key that is not loaded: {@code broker.vault.retry-initial} → {@code retry-max}, no jitter. */
    public static Backoff keyReads(BrokerConfig.Vault vault) {
        return new Backoff(vault.retryInitial(), vault.retryMax(), Jitter.NONE, RandomGenerator.getDefault());
    }

    /** The longest wait this schedule ever gives. */
    public Duration max() {
        return max;
    }

    /** The ceiling for attempt {@code n}: {@code initial × 2^(n-1)}, at most {@code max}. */
    Duration ceiling(int n) {
        long factor = 1L << Math.min(Math.max(n - 1, 0), 30);
        long millis = initial.toMillis() > max.toMillis() / factor ? max.toMillis() : initial.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** The wait after failed attempt {@code n}. */
    public Duration after(int n) {
        long ceiling = ceiling(n).toMillis();
        long fixed = switch (jitter) {
            case NONE -> ceiling;
            case EQUAL -> ceiling / 2;
            case FULL -> 0;
        };
        return Duration.ofMillis(fixed + (ceiling - fixed <= 0 ? 0 : random.nextLong(ceiling - fixed + 1)));
    }

    /** The wait after failed attempt {@code n}, but never shorter than {@code hint} (the server's own). */
    public Duration after(int n, Duration hint) {
        Duration backoff = after(n);
        return hint.compareTo(backoff) > 0 ? hint : backoff;
    }

    /** The wait after failed attempt {@code n}, but never shorter than the failure's own Retry-After. */
    public Duration after(int n, Throwable failure) {
        return after(n, failure instanceof BrokerException broker ? broker.retryAfter().orElse(Duration.ZERO) : Duration.ZERO);
    }
}
