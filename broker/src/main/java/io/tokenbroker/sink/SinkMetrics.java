package io.tokenbroker.sink;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The token file sink in numbers: {@code broker_sink_writes_total{sink="file",outcome=written|removed|failed}}
 * and {@code broker_sink_last_write_seconds{sink="file"}} (epoch seconds of the last successful write,
 * 0 before the first).
 */
@ApplicationScoped
public class SinkMetrics {

    private final MeterRegistry registry;
    /** {@code file} for broker.sink.file, {@code file:NAME} for broker.sink.files.NAME */
    private final String sink;
    private final AtomicLong lastWrite = new AtomicLong();

    @jakarta.inject.Inject
    SinkMetrics(MeterRegistry registry) {
        this(registry, "file");
    }

    SinkMetrics(MeterRegistry registry, String sink) {
        this.registry = registry;
        this.sink = sink;
    }

    void start() {
        Gauge.builder("broker.sink.last.write.seconds", lastWrite, AtomicLong::doubleValue)
                .description("When the token file was last written (epoch seconds)")
                .tag("sink", sink)
                .register(registry);
    }

    void written(long epochSecond) {
        lastWrite.set(epochSecond);
        count("written");
    }

    void removed() {
        count("removed");
    }

    void failed() {
        count("failed");
    }

    private void count(String outcome) {
        Counter.builder("broker.sink.writes")
                .description("Token file updates by outcome")
                .tag("sink", sink)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
