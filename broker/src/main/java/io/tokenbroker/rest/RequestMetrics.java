package io.tokenbroker.rest;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenbroker.cache.ServedToken;
import io.tokenbroker.server.TokenTargets;

/**
 * Caller requests by server, source (cache, upstream, error) and outcome (success or the error code). The
 * counters are looked up once per tag set (a registry lookup per request showed in the profile).
 */
@ApplicationScoped
public class RequestMetrics {

    /** The server tag of a request refused before it named a known server (403, 405, an unknown name). */
    static final String NO_SERVER = "none";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** The default target's success counters by source, looked up once each (every served token counts one) */
    private final AtomicReferenceArray<Counter> served = new AtomicReferenceArray<>(ServedToken.Source.values().length);
    /** The named servers' success counters, likewise */
    private final Map<String, AtomicReferenceArray<Counter>> servedByServer = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void served(String server, ServedToken.Source source) {
        AtomicReferenceArray<Counter> bySource = server.equals(TokenTargets.DEFAULT) ? served
                : servedByServer.computeIfAbsent(server, s -> new AtomicReferenceArray<>(ServedToken.Source.values().length));
        Counter counter = bySource.get(source.ordinal());
        if (counter == null) { // a race registers the same counter twice: Micrometer returns the one it has
            counter = counter(server, source.name().toLowerCase(Locale.ROOT), "success");
            bySource.set(source.ordinal(), counter);
        }
        counter.increment();
    }

    void failed(String server, String error) {
        count(server, "error", error);
    }

    private void count(String server, String source, String outcome) {
        counters.computeIfAbsent(server + '\n' + source + '\n' + outcome, key -> counter(server, source, outcome)).increment();
    }

    private Counter counter(String server, String source, String outcome) {
        return Counter.builder("broker.token.requests")
                .description("Caller requests for tokens")
                .tag("server", server)
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry);
    }
}
