package io.tokenbroker.sink;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokenbroker.cache.TokenStored;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.server.TokenTarget;
import io.tokenbroker.server.TokenTargets;
import io.vertx.core.Vertx;

/**
 * The named token files, {@code broker.sink.files.NAME.*}: one {@link TokenFileSink} each, for the server it
 * names (the default target when none) and its scope set, pinned in that server's cache; started, stopped and
 * told of new tokens as the CDI-made {@code broker.sink.file} sink is.
 */
@ApplicationScoped
public class TokenFileSinks {

    private final List<Named> sinks = new ArrayList<>();

    TokenFileSinks(BrokerConfig config, TokenTargets targets, Clock clock, Vertx vertx, MeterRegistry registry) {
        config.sink().files().forEach((name, file) -> {
            TokenTarget target = targets.resolve(file.server().orElse(null));
            String prefix = "broker.sink.files." + name;
            sinks.add(new Named(name, new TokenFileSink(file, prefix, target.name(), target.scopes(), target.cache(), clock, vertx,
                    new SinkMetrics(registry, "file:" + name))));
        });
    }

    /** A named token file and its sink. */
    public record Named(String name, TokenFileSink sink) {
    }

    public List<Named> all() {
        return List.copyOf(sinks);
    }

    void onStart(@Observes StartupEvent event) {
        sinks.forEach(named -> named.sink().onStart(event));
    }

    void onStop(@Observes ShutdownEvent event) {
        sinks.forEach(named -> named.sink().onStop(event));
    }

    void onStored(@Observes TokenStored event) {
        sinks.forEach(named -> named.sink().onStored(event));
    }
}
