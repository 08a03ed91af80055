package io.tokenbroker.okta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.tokenbroker.config.BrokerConfig;

/**
 * The upstream budget: at most {@code broker.okta.max-token-requests-per-minute} token fetches start
 * in any 60 s (a sliding window, on the injected clock). It caps what callers rotating through scope
 * sets can cost at Okta, whatever the cache size; a fetch's own retries ride on its permit (they are
 * bounded by broker.retry.max-attempts and paced by Okta's rate-limit headers).
 */
@ApplicationScoped
public class UpstreamBudget {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int perWindow;
    private final Deque<Instant> spent = new ArrayDeque<>();

    @Inject
    UpstreamBudget(Clock clock, BrokerConfig config) {
        this(clock, config.okta().maxTokenRequestsPerMinute());
    }

    public UpstreamBudget(Clock clock, int perWindow) {
        this.clock = clock;
        this.perWindow = perWindow;
    }

    /** Takes one permit if the window has one left. */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        forgetBefore(now.minus(WINDOW));
        if (spent.size() >= perWindow) {
            return false;
        }
        spent.addLast(now);
        return true;
    }

    /** How long until a permit frees up (zero when one is free now). */
    public synchronized Duration untilAvailable() {
        Instant now = clock.instant();
        forgetBefore(now.minus(WINDOW));
        if (spent.size() < perWindow) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, spent.peekFirst().plus(WINDOW));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void forgetBefore(Instant start) {
        while (!spent.isEmpty() && !spent.peekFirst().isAfter(start)) {
            spent.removeFirst();
        }
    }
}
