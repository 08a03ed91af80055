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
 *
 * <p>A quarter of the window (rounded down) is held back for {@link Priority#HIGH} fetches: refreshes of
 * tokens that are being served and the scope sets the pod depends on (default, token file). Callers
 * asking for new scope sets spend the rest, so they can never starve the refreshes that keep everyone
 * else's tokens alive.
 */
@ApplicationScoped
public class UpstreamBudget {

    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Who asks for a permit. */
    public enum Priority {
        /** a refresh of a token still served, or a scope set the cache never evicts: may use the reserve */
        HIGH,
        /** any other fetch: a scope set with nothing to serve */
        NORMAL
    }

    private final Clock clock;
    private final int perWindow;
    private final int reserve;
    private final Deque<Instant> spent = new ArrayDeque<>();

    @Inject
    UpstreamBudget(Clock clock, BrokerConfig config) {
        this(clock, config.okta().maxTokenRequestsPerMinute());
    }

    public UpstreamBudget(Clock clock, int perWindow) {
        this.clock = clock;
        this.perWindow = perWindow;
        this.reserve = perWindow / 4;
    }

    /** Takes one permit if the window has one left for {@code priority}. */
    public synchronized boolean tryAcquire(Priority priority) {
        Instant now = clock.instant();
        forgetBefore(now.minus(WINDOW));
        if (spent.size() >= limit(priority)) {
            return false;
        }
        spent.addLast(now);
        return true;
    }

    /** How long until a permit for {@code priority} frees up (zero when one is free now). */
    public synchronized Duration untilAvailable(Priority priority) {
        Instant now = clock.instant();
        forgetBefore(now.minus(WINDOW));
        int limit = limit(priority);
        if (spent.size() < limit) {
            return Duration.ZERO;
        }
        // the permit that has to leave the window before one is free again for this priority
        Instant freed = spent.stream().skip(spent.size() - limit).findFirst().orElse(now).plus(WINDOW);
        Duration left = Duration.between(now, freed);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private int limit(Priority priority) {
        return priority == Priority.HIGH ? perWindow : perWindow - reserve;
    }

    private void forgetBefore(Instant start) {
        while (!spent.isEmpty() && !spent.peekFirst().isAfter(start)) {
            spent.removeFirst();
        }
    }
}
