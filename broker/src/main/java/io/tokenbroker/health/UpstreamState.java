package io.tokenbroker.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.tokenbroker.okta.TokenRequestEnded;

/**
 * The authorization server as the broker experiences it, with hysteresis: it is reported DOWN only
 * after failing without a single success for {@link #DOWN_AFTER}, and UP again at the first success,
 * so one lost request never flaps the state. Observes the token requests' outcomes; nothing feeds it.
 */
@ApplicationScoped
public class UpstreamState {

    static final Duration DOWN_AFTER = Duration.ofMinutes(2);

    private final Clock clock;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant lastSuccess;
    private volatile Instant firstFailure;
    private volatile String lastError = "";

    UpstreamState(Clock clock) {
        this.clock = clock;
    }

    void onRequestEnded(@Observes TokenRequestEnded ended) {
        if (ended.succeeded()) {
            success();
        } else {
            failure(ended.error());
        }
    }

    void success() {
        lastSuccess = clock.instant();
        firstFailure = null;
        consecutiveFailures.set(0);
        lastError = "";
    }

    /** @param error a short, secret-free reason (an error code) */
    void failure(String error) {
        if (consecutiveFailures.getAndIncrement() == 0) {
            firstFailure = clock.instant();
        }
        lastError = error;
    }

    public boolean down() {
        Instant since = firstFailure;
        return since != null && !clock.instant().isBefore(since.plus(DOWN_AFTER));
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }
}
