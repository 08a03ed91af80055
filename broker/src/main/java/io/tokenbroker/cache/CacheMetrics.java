package io.tokenbroker.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenbroker.scope.ScopeSet;

/**
 * Cache metrics: background refreshes by outcome ({@code success}, {@code failure}, {@code postponed} while the
 * upstream budget is spent), and the remaining lifetime of each cached token tagged by scope set (bounded:
 * scopes come from the allowlist, scope sets from max-scope-sets).
 */
@ApplicationScoped
public class CacheMetrics {

    private final MeterRegistry registry;
    private final String server;
    private final Map<ScopeSet, Gauge> gauges = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    CacheMetrics(MeterRegistry registry) {
        this(registry, "default");
    }

    /** @param server the token target's name, as the {@code server} tag */
    public CacheMetrics(MeterRegistry registry, String server) {
        this.registry = registry;
        this.server = server;
    }

    void refreshed(boolean success) {
        refreshes(success ? "success" : "failure");
    }

    /** A due refresh that found the upstream budget spent: the cached token is served, the refresh retried later. */
    void refreshPostponed() {
        refreshes("postponed");
    }

    private void refreshes(String outcome) {
        Counter.builder("broker.token.refreshes")
                .description("Background token refreshes")
                .tag("server", server)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void track(ScopeSet scopes, DoubleSupplier remainingSeconds) {
        gauges.computeIfAbsent(scopes, s -> Gauge.builder("broker.token.remaining.seconds", remainingSeconds, DoubleSupplier::getAsDouble)
                .description("Remaining lifetime of the cached token")
                .tag("server", server)
                .tag("scope", s.asString())
                .register(registry));
    }

    void untrack(ScopeSet scopes) {
        Gauge gauge = gauges.remove(scopes);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }
}
