package io.tokenbroker.rest;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenbroker.cache.ServedToken;

/** Caller requests by source (cache, upstream, error) and outcome (success or the error code). */
@ApplicationScoped
public class RequestMetrics {

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void served(ServedToken.Source source) {
        count(source.name().toLowerCase(Locale.ROOT), "success");
    }

    void failed(String error) {
        count("error", error);
    }

    private void count(String source, String outcome) {
        Counter.builder("broker.token.requests")
                .description("Caller requests for tokens")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
