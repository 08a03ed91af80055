package io.tokenbroker.key;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.clock.Backoff;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.vertx.core.Vertx;

/**
 * Keeps one key read from a {@link KeySource}, for the signing key and the DPoP key alike. Loads it
 * at start without blocking start-up, retrying with capped exponential backoff while the source
 * (Vault) is unreachable; a caller that needs the key while it is missing triggers an immediate
 * attempt at most every {@code broker.vault.on-demand-interval}. Once loaded, the key is re-read
 * every {@code broker.vault.refresh-interval} (on use, and by a timer when idle): a changed key is
 * installed without restart, a failed re-read keeps the key in memory and is reported. Reads are
 * single-flight.
 *
 * @param <K> the key as the source yields it
 */
public final class KeyLoader<K> {

    private static final Logger LOG = Logger.getLogger(KeyLoader.class);
    private static final String NOT_LOADED = "not loaded yet";

    /** What the owner does with the outcome of each read: metrics, logs, events. */
    public interface Listener<K> {

        /** A read succeeded; {@code previous} is the key it replaces (null for the first). */
        void installed(K previous, K key);

        /** A read failed; {@code keptKey} when a loaded key keeps serving. */
        void failed(Throwable failure, String reason, boolean keptKey);
    }

    private final KeySource<K> source;
    private final Clock clock;
    private final Vertx vertx;
    private final Pause pause;
    private final BrokerConfig.Vault timing;
    private final Backoff backoff;
    private final Listener<K> listener;

    private final AtomicReference<K> current = new AtomicReference<>();
    private final AtomicReference<Uni<K>> inFlight = new AtomicReference<>();
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile Instant lastLoaded = Instant.EPOCH;
    private volatile String lastError = NOT_LOADED;
    private volatile String refreshError = "";
    // the same two without a location, for health data served beyond the pod (see Failures#summary)
    private volatile String lastErrorSummary = NOT_LOADED;
    private volatile String refreshErrorSummary = "";
    private volatile boolean stopped;

    public KeyLoader(KeySource<K> source, Clock clock, Vertx vertx, Pause pause, BrokerConfig.Vault timing,
            Listener<K> listener) {
        this.source = source;
        this.clock = clock;
        this.vertx = vertx;
        this.pause = pause;
        this.timing = timing;
        this.backoff = Backoff.keyReads(timing);
        this.listener = listener;
    }

    /** The first read in the background, and the timer that re-reads an idle key. */
    public void start() {
        loadInBackground(1);
        long every = Math.max(1000, timing.refreshInterval().toMillis());
        vertx.setPeriodic(every, every, id -> {
            if (!stopped) {
                refreshIfDue();
            }
        });
    }

    public void stop() {
        stopped = true;
    }

    public Optional<K> current() {
        return Optional.ofNullable(current.get());
    }

    /** Why the key is not loaded (or the last failed read), safe to show: never contains key material. */
    public String lastError() {
        return lastError;
    }

    /** Why the last re-read failed while the loaded key kept serving; empty when it did not. */
    public String refreshError() {
        return refreshError;
    }

    /** {@link #lastError()} without the source's location. */
    public String lastErrorSummary() {
        return lastErrorSummary;
    }

    /** {@link #refreshError()} without the source's location. */
    public String refreshErrorSummary() {
        return refreshErrorSummary;
    }

    public String describe() {
        return source.describe();
    }

    /** The key, or {@code unavailable} when it cannot be had now. */
    public Uni<K> require(Supplier<? extends RuntimeException> unavailable) {
        K key = current.get();
        if (key != null) {
            refreshIfDue();
            return Uni.createFrom().item(key);
        }
        Uni<K> running = inFlight.get();
        if (running == null && clock.instant().isBefore(lastAttempt.plus(timing.onDemandInterval()))) {
            return Uni.createFrom().failure(unavailable.get());
        }
        return (running != null ? running : load()).onFailure().transform(e -> unavailable.get());
    }

    /**
     * Starts a background re-read when the refresh interval has passed since the last read (or
     * attempt). Returns the read under way, whoever started it, so that a test can wait for it.
     */
    public Optional<Uni<K>> refreshIfDue() {
        Instant now = clock.instant();
        Instant last = lastLoaded.isAfter(lastAttempt) ? lastLoaded : lastAttempt;
        if (current.get() != null && inFlight.get() == null && !now.isBefore(last.plus(timing.refreshInterval()))) {
            LOG.debugf("re-reading the key from %s", source.describe());
            load();
        }
        return Optional.ofNullable(inFlight.get());
    }

    /** Starts one read unless one is running; the returned Uni is shared by everyone who asks meanwhile. */
    Uni<K> load() {
        Uni<K> shared = Uni.createFrom().deferred(source::load)
                // the read starts on a worker, never on its caller: at start-up that is the main thread, which
                // otherwise built the Vault client and sent the first request before Quarkus finished starting
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::install)
                .onFailure().invoke(this::recordFailure)
                .eventually(() -> {
                    lastAttempt = clock.instant();
                    inFlight.set(null);
                })
                .memoize().indefinitely();
        if (!inFlight.compareAndSet(null, shared)) {
            Uni<K> other = inFlight.get();
            return other != null ? other : load();
        }
        shared.subscribe().with(k -> {
        }, e -> {
        });
        return shared;
    }

    private void install(K key) {
        K previous = current.getAndSet(key);
        lastError = "";
        refreshError = "";
        lastErrorSummary = "";
        refreshErrorSummary = "";
        lastLoaded = clock.instant();
        listener.installed(previous, key);
    }

    private void recordFailure(Throwable failure) {
        String reason = Failures.describe(failure);
        boolean kept = current.get() != null;
        String summary = Failures.summary(failure);
        if (kept) {
            refreshError = reason;
            refreshErrorSummary = summary;
        } else {
            lastError = reason;
            lastErrorSummary = summary;
        }
        listener.failed(failure, reason, kept);
    }

    /** Reads until a key is loaded, on the key-read backoff; {@code attempt} counts from 1. */
    private void loadInBackground(int attempt) {
        load().subscribe().with(key -> {
        }, failure -> {
            if (stopped || current.get() != null) {
                return;
            }
            pause.of(backoff.after(attempt)).subscribe().with(ignored -> {
                if (!stopped && current.get() == null) {
                    loadInBackground(attempt + 1);
                }
            });
        });
    }
}
