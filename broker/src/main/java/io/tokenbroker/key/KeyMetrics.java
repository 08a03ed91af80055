package io.tokenbroker.key;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Key reads by outcome, and the active key as an info gauge (value 1, kid and algorithm as tags). */
@ApplicationScoped
public class KeyMetrics {

    private final MeterRegistry registry;
    private final AtomicReference<Gauge> info = new AtomicReference<>();

    KeyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void read(String source, boolean success) {
        Counter.builder("broker.key.reads")
                .description("Reads of the signing key from its source")
                .tag("source", source)
                .tag("outcome", success ? "success" : "failure")
                .register(registry)
                .increment();
    }

    void active(SigningKey key) {
        Gauge gauge = Gauge.builder("broker.key.info", () -> 1)
                .description("The active signing key (value is always 1)")
                .tag("kid", key.kid())
                .tag("algorithm", key.algorithm())
                .register(registry);
        Gauge previous = info.getAndSet(gauge);
        if (previous != null && !previous.getId().equals(gauge.getId())) {
            registry.remove(previous);
        }
    }
}
