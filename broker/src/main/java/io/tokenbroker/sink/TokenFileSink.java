package io.tokenbroker.sink;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.cache.TokenStored;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.vertx.core.Vertx;

/**
 * Keeps {@code broker.sink.file.path} holding the current token for the sink's scopes: written when a
 * token for them is stored in the cache (first fetch and every refresh), removed once the token it holds
 * has expired and no newer one can be had, left in place at shutdown. A reader holding the file's token
 * may use it until it expires, so the file stays while a refresh is under way or failing, even after the
 * broker itself stopped serving that token (min-validity). A check every second asks the cache for the
 * token, which starts the background refresh when one is due (there may be no HTTP caller to do it) and
 * retries after an outage under the cache's own backoff; another check runs when the written token stops
 * being servable.
 *
 * <p>All file work happens on one thread, in order, so that an older token never overwrites a newer
 * one and the Vert.x threads never wait for the disk. A write that fails (read-only volume, missing
 * directory) is reported by {@link SinkStatus} and retried at the next check; /v1 keeps serving.
 */
@ApplicationScoped
public class TokenFileSink {

    private static final Logger LOG = Logger.getLogger(TokenFileSink.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final TokenCache cache;
    private final Clock clock;
    private final Vertx vertx;
    private final SinkMetrics metrics;
    private final BrokerConfig.Sink.FileSink config;
    /** The token target whose tokens the file holds: default, or a broker.servers name. */
    private final String server;
    private final ScopeSet scopes;
    private final TokenFile file;
    private final ExecutorService writer;
    private final AtomicReference<CompletableFuture<Void>> asking = new AtomicReference<>();
    private final SinkStatus status;
    private final TokenFileState held;
    private volatile long periodic = -1;

    @Inject
    TokenFileSink(BrokerConfig broker, ScopePolicy policy, TokenCache cache, Clock clock, Vertx vertx, SinkMetrics metrics) {
        this(broker.sink().file(), "broker.sink.file", "default", policy, cache, clock, vertx, metrics);
    }

    /**
     * @param prefix the file's keys, for messages: broker.sink.file or broker.sink.files.NAME
     * @param server the token target whose {@code policy} and {@code cache} these are
     */
    TokenFileSink(BrokerConfig.Sink.FileSink config, String prefix, String server, ScopePolicy policy, TokenCache cache,
            Clock clock, Vertx vertx, SinkMetrics metrics) {
        this(config, server, config.path().isEmpty() ? null : scopes(config, prefix, policy), cache, clock, vertx, metrics);
    }

    /** The default target's file with its scope set resolved (null when the sink is off). */
    TokenFileSink(BrokerConfig.Sink.FileSink config, ScopeSet scopes, TokenCache cache, Clock clock, Vertx vertx,
            SinkMetrics metrics) {
        this(config, "default", scopes, cache, clock, vertx, metrics);
    }

    private TokenFileSink(BrokerConfig.Sink.FileSink config, String server, ScopeSet scopes, TokenCache cache, Clock clock,
            Vertx vertx, SinkMetrics metrics) {
        this.cache = cache;
        this.clock = clock;
        this.vertx = vertx;
        this.metrics = metrics;
        this.config = config;
        this.server = server;
        this.scopes = scopes;
        if (config.path().isEmpty()) {
            this.file = null;
            this.writer = null;
            this.status = null;
            this.held = null;
            return;
        }
        // the pod reads its token from the file: other callers' scope sets must not push it out of the cache
        cache.pin(scopes);
        this.file = new TokenFile(Path.of(config.path().get()), TokenFile.mode(config.mode()));
        this.status = new SinkStatus(file.path(), metrics);
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "token-file-sink");
            thread.setDaemon(true);
            return thread;
        });
        this.held = new TokenFileState(file, config.format(), status);
    }

    /** The allowlist applies to the sink as to any caller: a refused scope fails start-up here. */
    private static ScopeSet scopes(BrokerConfig.Sink.FileSink config, String prefix, ScopePolicy policy) {
        List<String> configured = config.scopes().orElse(List.of());
        try {
            return policy.resolve(configured.isEmpty() ? List.of() : List.of(String.join(" ", configured)));
        } catch (BrokerException e) {
            throw new IllegalStateException(prefix + ".scopes: " + e.description()
                    + " (the token file needs a scope set: " + prefix + ".scopes or the server's default-scopes)", e);
        }
    }

    public boolean enabled() {
        return file != null;
    }

    public Path path() {
        return file.path();
    }

    public ScopeSet scopes() {
        return scopes;
    }

    /** Whether the file holds a token written by this process. */
    public boolean holdsToken() {
        return held.holdsToken();
    }

    public Optional<Instant> lastWrite() {
        return status.lastWrite();
    }

    /** Why the last write or removal failed; empty once one succeeds again. Never contains a token. */
    public String error() {
        return status.error();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        metrics.start();
        LOG.infof("token file sink: %s keeps the token for \"%s\" (%s, mode %s)", file.path(), scopes,
                config.format().name().toLowerCase(java.util.Locale.ROOT), config.mode());
        TokenFile.modeWarning(config.mode()).ifPresent(LOG::warn);
        periodic = vertx.setPeriodic(CHECK_EVERY.toMillis(), id -> check());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!enabled()) {
            return;
        }
        vertx.cancelTimer(periodic);
        // the file stays: it holds a token that is good until it expires
        writer.shutdown();
    }

    void onStored(@Observes TokenStored event) {
        if (enabled() && event.server().equals(server) && event.scopes().equals(scopes)) {
            run(() -> offer(event.token()));
        }
    }

    /**
     * Removes the file if its token has expired and no newer one is cached, then asks the cache
     * for the token (starting a due refresh) and writes it if it is new. Completes when both are done;
     * a check arriving while the cache is still answering joins that answer.
     */
    public CompletionStage<Void> check() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!enabled() || !run(() -> checkNow(done))) {
            done.complete(null);
        }
        return done;
    }

    private void checkNow(CompletableFuture<Void> done) {
        removeIfExpired(false);
        CompletableFuture<Void> running = asking.get();
        if (running != null) {
            running.whenComplete((ignored, failure) -> done.complete(null));
            return;
        }
        asking.set(done);
        cache.get(scopes).subscribe().with(
                served -> answered(done, () -> offer(served.token())),
                failure -> answered(done, () -> {
                    LOG.debugf("token file sink: no token for \"%s\" now: %s", scopes, failure.getMessage());
                    removeIfExpired(true);
                }));
    }

    private void answered(CompletableFuture<Void> done, Runnable then) {
        if (!run(() -> {
            asking.set(null);
            try {
                then.run();
            } finally {
                done.complete(null);
            }
        })) {
            done.complete(null);
        }
    }

    /**
     * @param afterFailure the cache just failed to answer: a file left by an earlier run whose expiry is
     *        unknown goes too
     */
    private void removeIfExpired(boolean afterFailure) {
        // a newer cached token replaces the file at the get that follows: never a moment without one
        if (held.expired(clock.instant(), afterFailure) && !cache.hasServable(scopes)) {
            held.remove(scopes);
        }
    }

    private void offer(IssuedToken token) {
        Instant now = clock.instant();
        Instant servableUntil = cache.servableUntil(token);
        if (now.isBefore(servableUntil) && held.write(token, now)) {
            // the moment the broker stops serving it: a check then fetches the next token if no refresh has
            long delay = Math.max(1, Duration.between(now, servableUntil).toMillis());
            vertx.setTimer(delay, id -> check());
        }
    }

    /** @return false when the writer is shut down */
    private boolean run(Runnable task) {
        try {
            writer.execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }
}
