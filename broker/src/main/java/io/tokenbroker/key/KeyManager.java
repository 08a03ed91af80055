package io.tokenbroker.key;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.vertx.core.Vertx;

/**
 * Holds the signing key through a {@link KeyLoader} (background load, backoff, re-read every
 * {@code broker.vault.refresh-interval}): counts reads, shows the active key as a metric, logs
 * changes and fires {@link KeyLoaded} for each installed key.
 */
@ApplicationScoped
public class KeyManager {

    private static final Logger LOG = Logger.getLogger(KeyManager.class);

    private final KeyLoader<SigningKey> loader;
    private final Consumer<KeyLoaded> loaded;
    private final KeyMetrics metrics;
    private final String sourceTag;
    private final Duration onDemandInterval;

    @jakarta.inject.Inject
    KeyManager(KeySource<SigningKey> source, Clock clock, Vertx vertx, Pause pause, Event<KeyLoaded> loaded,
            BrokerConfig config, KeyMetrics metrics) {
        this(source, config.key().source(), clock, vertx, pause, loaded::fire, config, metrics);
    }

    private KeyManager(KeySource<SigningKey> source, BrokerConfig.KeySourceType type, Clock clock, Vertx vertx, Pause pause,
            Consumer<KeyLoaded> loaded, BrokerConfig config, KeyMetrics metrics) {
        this.loaded = loaded;
        this.metrics = metrics;
        this.sourceTag = type.name().toLowerCase(Locale.ROOT);
        this.onDemandInterval = config.vault().onDemandInterval();
        this.loader = new KeyLoader<>(source, clock, vertx, pause, config.vault(), new KeyLoader.Listener<>() {
            @Override
            public void installed(SigningKey previous, SigningKey key) {
                KeyManager.this.installed(previous, key);
            }

            @Override
            public void failed(Throwable failure, String reason, boolean keptKey) {
                KeyManager.this.failed(failure, reason, keptKey);
            }
        });
    }

    /**
     * The key of another service app (a named server's own {@code key.*}), loaded and re-read like the default
     * one; started and stopped by its owner.
     */
    public static KeyManager standalone(KeySource<SigningKey> source, BrokerConfig.KeySourceType type, Clock clock,
            Vertx vertx, Pause pause, Consumer<KeyLoaded> loaded, BrokerConfig config, MeterRegistry registry) {
        return new KeyManager(source, type, clock, vertx, pause, loaded, config, new KeyMetrics(registry));
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public void start() {
        LOG.infof("loading the signing key from %s", loader.describe());
        loader.start();
    }

    public void stop() {
        loader.stop();
    }

    public Optional<SigningKey> current() {
        return loader.current();
    }

    /** Why the key is not loaded (or the last failed read), safe to show: never contains key material. */
    public String lastError() {
        return loader.lastError();
    }

    /** Why the last periodic re-read failed while the loaded key kept signing; empty when it did not. */
    public String refreshError() {
        return loader.refreshError();
    }

    public String sourceDescription() {
        return loader.describe();
    }

    /**
     * What health data served on the pod network may tell of the key: where it comes from by kind only
     * ({@code vault}, {@code transit}, {@code file}, {@code dev}), never a path, key name or kid.
     */
    public String sourceKind() {
        return sourceTag;
    }

    /** {@link #lastError()} without the source's location. */
    public String lastErrorSummary() {
        return loader.lastErrorSummary();
    }

    /** {@link #refreshError()} without the source's location. */
    public String refreshErrorSummary() {
        return loader.refreshErrorSummary();
    }

    /** The key, or a 503 failure when it cannot be had now. */
    public Uni<SigningKey> require() {
        return loader.require(this::unavailable);
    }

    private TemporarilyUnavailableException unavailable() {
        return new TemporarilyUnavailableException("signing key not loaded from " + loader.describe() + ": " + loader.lastError(),
                onDemandInterval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : onDemandInterval);
    }

    private void installed(SigningKey previous, SigningKey key) {
        metrics.read(sourceTag, true);
        boolean changed = previous == null || !previous.kid().equals(key.kid())
                || !previous.publicKey().equals(key.publicKey()) || !previous.clientId().equals(key.clientId());
        if (changed) {
            metrics.active(key);
            LOG.infof("signing key %s from %s: kid=%s alg=%s client_id=%s", previous == null ? "loaded" : "changed",
                    key.source(), key.kid(), key.algorithm(), key.clientId());
            loaded.accept(new KeyLoaded(key.kid()));
        }
    }

    private void failed(Throwable failure, String reason, boolean keptKey) {
        metrics.read(sourceTag, false);
        if (keptKey) {
            LOG.warnf("re-reading the signing key from %s failed, the loaded key keeps signing: %s", loader.describe(), reason);
        } else {
            LOG.warnf("cannot load the signing key from %s: %s", loader.describe(), reason);
        }
        LOG.debug("key loading failure", failure);
    }

    /** Fired each time a key is (re)installed. */
    public record KeyLoaded(String kid) {
    }
}
