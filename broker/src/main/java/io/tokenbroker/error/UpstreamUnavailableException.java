package io.tokenbroker.error;

import java.time.Duration;

/**
 * The authorization server could not be reached or answered with a transient failure (connect
 * error, timeout, 5xx, 429): worth retrying, unlike a rejection.
 */
public class UpstreamUnavailableException extends TemporarilyUnavailableException {

    public UpstreamUnavailableException(String description, Duration retryAfter, Throwable cause) {
        super(description, retryAfter, cause);
    }
}
