package io.tokenbroker.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.vertx.core.Vertx;

/**
 * Holds the signing key. Loads it at start without blocking start-up, retrying with capped
 * exponential backoff while the source (Vault) is unreachable; a caller that needs the key while
 * it is missing triggers an immediate attempt at most every {@code broker.vault.on-demand-interval}.
 * Once loaded, the key is re-read every {@code broker.vault.refresh-interval} (on use, and by a timer
 * when idle): a changed key or kid is installed without restart, a failed re-read keeps the key in
 * memory and is reported. Reads are single-flight.
 */
@ApplicationScoped
public class KeyManager {

    private static final Logger LOG = Logger.getLogger(KeyManager.class);

    private final SigningKeySource source;
    private final Clock clock;
    private final Vertx vertx;
    private final Event<KeyLoaded> loaded;
    private final BrokerConfig.Vault retry;
    private final KeyMetrics metrics;
    private final String sourceTag;

    private final AtomicReference<SigningKey> current = new AtomicReference<>();
    private final AtomicReference<Uni<SigningKey>> inFlight = new AtomicReference<>();
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile Instant lastLoaded = Instant.EPOCH;
    private volatile String lastError = "not loaded yet";
    private volatile String refreshError = "";
    private volatile Duration backoff;
    private volatile boolean stopped;

    KeyManager(SigningKeySource source, Clock clock, Vertx vertx, Event<KeyLoaded> loaded,
            BrokerConfig config, KeyMetrics metrics) {
        this.metrics = metrics;
        this.sourceTag = config.key().source().name().toLowerCase(java.util.Locale.ROOT);
        this.source = source;
        this.clock = clock;
        this.vertx = vertx;
        this.loaded = loaded;
        this.retry = config.vault();
        this.backoff = retry.retryInitial();
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("loading the signing key from %s", source.describe());
        loadInBackground();
        long every = Math.max(1000, retry.refreshInterval().toMillis());
        vertx.setPeriodic(every, every, id -> {
            if (!stopped) {
                refreshIfDue();
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    public Optional<SigningKey> current() {
        return Optional.ofNullable(current.get());
    }

    /** Why the key is not loaded (or the last failed read), safe to show: never contains key material. */
    public String lastError() {
        return lastError;
    }

    /** Why the last periodic re-read failed while the loaded key kept signing; empty when it did not. */
    public String refreshError() {
        return refreshError;
    }

    public String sourceDescription() {
        return source.describe();
    }

    /** The key, or a 503 failure when it cannot be had now. */
    public Uni<SigningKey> require() {
        SigningKey key = current.get();
        if (key != null) {
            refreshIfDue();
            return Uni.createFrom().item(key);
        }
        Uni<SigningKey> running = inFlight.get();
        if (running == null && clock.instant().isBefore(lastAttempt.plus(retry.onDemandInterval()))) {
            return Uni.createFrom().failure(unavailable());
        }
        return (running != null ? running : load()).onFailure().transform(e -> unavailable());
    }

    /** Starts a background re-read when the refresh interval has passed since the last read (or attempt). */
    void refreshIfDue() {
        Instant now = clock.instant();
        Instant last = lastLoaded.isAfter(lastAttempt) ? lastLoaded : lastAttempt;
        if (current.get() != null && inFlight.get() == null && !now.isBefore(last.plus(retry.refreshInterval()))) {
            LOG.debugf("re-reading the signing key from %s", source.describe());
            load().subscribe().with(k -> {
            }, e -> {
            });
        }
    }

    private TemporarilyUnavailableException unavailable() {
        return new TemporarilyUnavailableException("signing key not loaded from " + source.describe() + ": " + lastError,
                retry.onDemandInterval().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retry.onDemandInterval());
    }

    /** Starts one read unless one is running; the returned Uni is shared by everyone who asks meanwhile. */
    Uni<SigningKey> load() {
        Uni<SigningKey> shared = Uni.createFrom().deferred(source::load)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::install)
                .onFailure().invoke(this::recordFailure)
                .eventually(() -> {
                    lastAttempt = clock.instant();
                    inFlight.set(null);
                })
                .memoize().indefinitely();
        if (!inFlight.compareAndSet(null, shared)) {
            Uni<SigningKey> other = inFlight.get();
            return other != null ? other : require();
        }
        shared.subscribe().with(k -> {
        }, e -> {
        });
        return shared;
    }

    private void install(SigningKey key) {
        metrics.read(sourceTag, true);
        SigningKey previous = current.getAndSet(key);
        lastError = "";
        refreshError = "";
        lastLoaded = clock.instant();
        backoff = retry.retryInitial();
        boolean changed = previous == null || !previous.kid().equals(key.kid())
                || !previous.publicKey().equals(key.publicKey()) || !previous.clientId().equals(key.clientId());
        if (changed) {
            metrics.active(key);
            LOG.infof("signing key %s from %s: kid=%s alg=%s client_id=%s", previous == null ? "loaded" : "changed",
                    key.source(), key.kid(), key.algorithm(), key.clientId());
            loaded.fire(new KeyLoaded(key.kid()));
        }
    }

    private void recordFailure(Throwable failure) {
        metrics.read(sourceTag, false);
        String reason = Failures.describe(failure);
        if (current.get() != null) {
            refreshError = reason;
            LOG.warnf("re-reading the signing key from %s failed, the loaded key keeps signing: %s", source.describe(), reason);
        } else {
            lastError = reason;
            LOG.warnf("cannot load the signing key from %s: %s", source.describe(), reason);
        }
        LOG.debug("key loading failure", failure);
    }

    private void loadInBackground() {
        load().subscribe().with(key -> {
        }, failure -> scheduleRetry());
    }

    private void scheduleRetry() {
        if (stopped || current.get() != null) {
            return;
        }
        Duration delay = backoff;
        backoff = delay.multipliedBy(2).compareTo(retry.retryMax()) > 0 ? retry.retryMax() : delay.multipliedBy(2);
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            if (current.get() == null) {
                loadInBackground();
            }
        });
    }

    /** Fired each time a key is (re)installed. */
    public record KeyLoaded(String kid) {
    }
}
