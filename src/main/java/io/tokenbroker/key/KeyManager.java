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
 * Reads are single-flight.
 */
@ApplicationScoped
public class KeyManager {

    private static final Logger LOG = Logger.getLogger(KeyManager.class);

    private final KeySource source;
    private final SigningKeys signingKeys;
    private final Clock clock;
    private final Vertx vertx;
    private final Event<KeyLoaded> loaded;
    private final BrokerConfig.Vault retry;

    private final AtomicReference<SigningKey> current = new AtomicReference<>();
    private final AtomicReference<Uni<SigningKey>> inFlight = new AtomicReference<>();
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile String lastError = "not loaded yet";
    private volatile Duration backoff;
    private volatile boolean stopped;

    KeyManager(KeySource source, SigningKeys signingKeys, Clock clock, Vertx vertx, Event<KeyLoaded> loaded,
            BrokerConfig config) {
        this.source = source;
        this.signingKeys = signingKeys;
        this.clock = clock;
        this.vertx = vertx;
        this.loaded = loaded;
        this.retry = config.vault();
        this.backoff = retry.retryInitial();
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("loading the signing key from %s", source.describe());
        loadInBackground();
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

    public String sourceDescription() {
        return source.describe();
    }

    /** The key, or a 503 failure when it cannot be had now. */
    public Uni<SigningKey> require() {
        SigningKey key = current.get();
        if (key != null) {
            return Uni.createFrom().item(key);
        }
        Uni<SigningKey> running = inFlight.get();
        if (running == null && clock.instant().isBefore(lastAttempt.plus(retry.onDemandInterval()))) {
            return Uni.createFrom().failure(unavailable());
        }
        return (running != null ? running : load()).onFailure().transform(e -> unavailable());
    }

    private TemporarilyUnavailableException unavailable() {
        return new TemporarilyUnavailableException("signing key not loaded from " + source.describe() + ": " + lastError,
                retry.onDemandInterval().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retry.onDemandInterval());
    }

    /** Starts one read unless one is running; the returned Uni is shared by everyone who asks meanwhile. */
    Uni<SigningKey> load() {
        Uni<SigningKey> shared = Uni.createFrom().deferred(source::read)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(signingKeys::from)
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
        SigningKey previous = current.getAndSet(key);
        lastError = "";
        backoff = retry.retryInitial();
        if (previous == null || !previous.kid().equals(key.kid())) {
            LOG.infof("signing key loaded from %s: kid=%s alg=%s client_id=%s", key.source(), key.kid(),
                    key.algorithm(), key.clientId());
        }
        loaded.fire(new KeyLoaded(key.kid()));
    }

    private void recordFailure(Throwable failure) {
        lastError = Failures.describe(failure);
        LOG.warnf("cannot load the signing key from %s: %s", source.describe(), lastError);
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
