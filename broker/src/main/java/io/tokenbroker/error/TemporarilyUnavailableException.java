package io.tokenbroker.error;

import java.time.Duration;
import java.util.Optional;

/** 503 temporarily_unavailable: key not loaded, authorization server or Vault unreachable, rate-limited. */
public class TemporarilyUnavailableException extends BrokerException {

    /** The contract's ceiling for Retry-After: an upstream hint further ahead is not believed. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Duration retryAfter;

    public TemporarilyUnavailableException(String description, Duration retryAfter) {
        this(description, retryAfter, null);
    }

    public TemporarilyUnavailableException(String description, Duration retryAfter, Throwable cause) {
        super(503, "temporarily_unavailable", description, cause);
        this.retryAfter = atMostMax(retryAfter);
    }

    /** {@code delay}, but never beyond {@link #MAX_RETRY_AFTER}. */
    public static Duration atMostMax(Duration delay) {
        return delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
