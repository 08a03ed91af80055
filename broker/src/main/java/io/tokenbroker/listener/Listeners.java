package io.tokenbroker.listener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.DomainSocketServerStart;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;

/**
 * The listeners that actually started, as Quarkus announces them: shown in readiness data and as
 * {@code broker_listener_info{transport="tcp|tls|unix",address=...} 1}.
 */
@ApplicationScoped
public class Listeners {

    private final MeterRegistry registry;
    private final DomainSocketFile socket;
    private final List<String> active = new CopyOnWriteArrayList<>();

    Listeners(MeterRegistry registry, DomainSocketFile socket) {
        this.registry = registry;
        this.socket = socket;
    }

    /** e.g. {@code ["tcp 127.0.0.1:7523", "unix /var/run/token-broker/broker.sock"]} */
    public List<String> active() {
        return List.copyOf(active);
    }

    void onHttp(@ObservesAsync HttpServerStart event) {
        started("tcp", event.options().getHost() + ":" + event.options().getPort());
    }

    void onHttps(@ObservesAsync HttpsServerStart event) {
        started("tls", event.options().getHost() + ":" + event.options().getPort());
    }

    void onDomainSocket(@ObservesAsync DomainSocketServerStart event) {
        started("unix", socket.path().toString());
    }

    private void started(String transport, String address) {
        active.add(transport + " " + address);
        Gauge.builder("broker.listener.info", () -> 1)
                .description("A listener serving the /v1 API")
                .tag("transport", transport)
                .tag("address", address)
                .register(registry);
    }
}
