package io.tokenbroker.rest;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenbroker.cache.ServedToken;

/**
 * Caller requests by source (cache, upstream, error) and outcome (success or the error code). The
 * counters are looked up once per tag pair (a registry lookup per request showed in the profile).
 */
@ApplicationScoped
public class RequestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** The success counters by source, looked up once each (every served token counts one) */
    private final AtomicReferenceArray<Counter> served = new AtomicReferenceArray<>(ServedToken.Source.values().length);

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void served(ServedToken.Source source) {
        Counter counter = served.get(source.ordinal());
        if (counter == null) { // a race registers the same counter twice: Micrometer returns the one it has
            counter = counter(source.name().toLowerCase(Locale.ROOT), "success");
            served.set(source.ordinal(), counter);
        }
        counter.increment();
    }

    void failed(String error) {
        count("error", error);
    }

    private void count(String source, String outcome) {
        counters.computeIfAbsent(source + '\n' + outcome, key -> counter(source, outcome)).increment();
    }

    private Counter counter(String source, String outcome) {
        return Counter.builder("broker.token.requests")
                .description("Caller requests for tokens")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry);
    }
}
