package io.tokenbroker.cache;

import java.time.Duration;
import java.time.Instant;

import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.TemporarilyUnavailableException;

/**
 * The last failed fetch of a scope set and when the next one may start. Callers arriving before
 * then get the same answer without a new upstream request.
 */
record FailureMemo(BrokerException error, Instant retryAt) {

    boolean holds(Instant now) {
        return now.isBefore(retryAt);
    }

    /** The remembered failure as answered now: a 503's Retry-After counts down to the next attempt. */
    BrokerException replay(Instant now) {
        if (error instanceof TemporarilyUnavailableException) {
            Duration left = Duration.between(now, retryAt);
            return new TemporarilyUnavailableException(error.description(), left.isNegative() ? Duration.ZERO : left);
        }
        return error;
    }
}
