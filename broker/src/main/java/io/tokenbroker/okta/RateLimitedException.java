package io.tokenbroker.okta;

import java.time.Duration;

import io.tokenbroker.error.UpstreamUnavailableException;

/**
 * The authorization server's rate limit said when to come back: a 429, or the {@link RateLimitGate}
 * closed for longer than a fetch may wait. Unlike other transient failures, its Retry-After is also the
 * earliest moment for the next attempt of the same fetch.
 */
final class RateLimitedException extends UpstreamUnavailableException {

    RateLimitedException(String description, Duration retryAfter) {
        super(description, retryAfter, null);
    }
}
