package io.tokenbroker.okta;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tokenbroker.error.UpstreamRejectedException;

/** Upstream token requests by outcome and the server's error code, and their latency. */
@ApplicationScoped
public class UpstreamMetrics {

    private final MeterRegistry registry;

    UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void retried() {
        Counter.builder("broker.upstream.retries")
                .description("Token requests retried after a transient failure")
                .register(registry)
                .increment();
    }

    void record(Throwable failure, long nanos) {
        String outcome = failure == null ? "success" : failure instanceof UpstreamRejectedException ? "rejected" : "unavailable";
        Counter.builder("broker.upstream.requests")
                .description("Token requests sent to the authorization server")
                .tag("outcome", outcome)
                .tag("error", OktaTokenClient.errorTag(failure))
                .register(registry)
                .increment();
        Timer.builder("broker.upstream.latency")
                .description("Latency of token requests to the authorization server")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
