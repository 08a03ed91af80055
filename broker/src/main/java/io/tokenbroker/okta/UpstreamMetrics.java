package io.tokenbroker.okta;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tokenbroker.error.UpstreamRejectedException;

/** Upstream token requests by server, outcome and the server's error code, and their latency. */
@ApplicationScoped
public class UpstreamMetrics {

    private final MeterRegistry registry;
    private final String server;

    @jakarta.inject.Inject
    UpstreamMetrics(MeterRegistry registry) {
        this(registry, "default");
    }

    /** @param server the token target's name, as the {@code server} tag */
    public UpstreamMetrics(MeterRegistry registry, String server) {
        this.registry = registry;
        this.server = server;
    }

    void retried() {
        Counter.builder("broker.upstream.retries")
                .description("Token requests retried after a transient failure")
                .tag("server", server)
                .register(registry)
                .increment();
    }

    void record(Throwable failure, long nanos) {
        String outcome = failure == null ? "success" : failure instanceof UpstreamRejectedException ? "rejected" : "unavailable";
        Counter.builder("broker.upstream.requests")
                .description("Token requests sent to the authorization server")
                .tag("server", server)
                .tag("outcome", outcome)
                .tag("error", OktaTokenClient.errorTag(failure))
                .register(registry)
                .increment();
        Timer.builder("broker.upstream.latency")
                .description("Latency of token requests to the authorization server")
                .tag("server", server)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
