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
 * <p>A quarter of the window (rounded down) is held back from callers asking for new scope sets, so they
 * can never starve the refreshes that keep everyone else's tokens alive; and a third of that (at least one
 * permit when there is a reserve) only the scope sets the pod itself depends on (default, token files) may
 * take, so that refreshes of many other short-lived tokens cannot starve those either.
 */
@ApplicationScoped
public class UpstreamBudget {

    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Who asks for a permit. */
    public enum Priority {
        /** a scope set the cache never evicts (default, token files): may use the whole window */
        HIGH,
        /** a refresh of another token still served: the window but the pinned scope sets' share */
        REFRESH,
        /** any other fetch: a scope set with nothing to serve */
        NORMAL
    }

    private final Clock clock;
    private final int perWindow;
    private final int reserve;
    private final int pinnedReserve;
    private final Deque<Instant> spent = new ArrayDeque<>();

    @Inject
    UpstreamBudget(Clock clock, BrokerConfig config) {
        this(clock, config.okta().maxTokenRequestsPerMinute());
    }

    public UpstreamBudget(Clock clock, int perWindow) {
        this.clock = clock;
        this.perWindow = perWindow;
        this.reserve = perWindow / 4;
        this.pinnedReserve = reserve == 0 ? 0 : Math.max(1, reserve / 3);
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
        return switch (priority) {
            case HIGH -> perWindow;
            case REFRESH -> perWindow - pinnedReserve;
            case NORMAL -> perWindow - reserve;
        };
    }

    private void forgetBefore(Instant start) {
        while (!spent.isEmpty() && !spent.peekFirst().isAfter(start)) {
            spent.removeFirst();
        }
    }
}
