package io.tokenbroker.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that reaches a caller as the contract's {@code {"error","error_description"}} answer.
 * The description is shown to callers: it must never contain a token, an assertion or key material.
 */
public abstract class BrokerException extends RuntimeException {

    private final int status;
    private final String error;

    protected BrokerException(int status, String error, String description, Throwable cause) {
        super(description, cause, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    /** How long a caller should wait before trying again, when the failure is transient. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
