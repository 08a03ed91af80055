package io.tokenbroker.error;

import java.time.Duration;
import java.util.Optional;

/** 503 temporarily_unavailable: key not loaded, authorization server or Vault unreachable, rate-limited. */
public class TemporarilyUnavailableException extends BrokerException {

    private final Duration retryAfter;

    public TemporarilyUnavailableException(String description, Duration retryAfter) {
        this(description, retryAfter, null);
    }

    public TemporarilyUnavailableException(String description, Duration retryAfter, Throwable cause) {
        super(503, "temporarily_unavailable", description, cause);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
