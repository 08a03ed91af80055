package io.tokenbroker.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.tokenbroker.clock.Backoff;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;

/**
 * Fetches a token for the default scopes as soon as a key is loaded, so that the first caller
 * finds it cached; retries until it succeeds once, on the cache's failed-fetch backoff and never
 * before the cache's Retry-After (an earlier attempt would only be answered from the failure's
 * memory). Readiness waits for it.
 */
@ApplicationScoped
public class Prefetcher {

    private static final Logger LOG = Logger.getLogger(Prefetcher.class);

    private final TokenCache cache;
    private final ScopeSet defaults;
    private final boolean enabled;
    private final Backoff backoff;
    private final Pause pause;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean done;
    private volatile boolean stopped;

    @Inject
    Prefetcher(TokenCache cache, ScopePolicy scopes, BrokerConfig config, Pause pause) {
        this(cache, scopes.defaultScopes(), config.token().prefetch(), Backoff.failedFetches(config.retry()), pause);
    }

    Prefetcher(TokenCache cache, ScopeSet defaults, boolean prefetch, Backoff backoff, Pause pause) {
        this.cache = cache;
        this.defaults = defaults;
        this.enabled = prefetch && !defaults.isEmpty();
        this.backoff = backoff;
        this.pause = pause;
    }

    /** True when prefetching is off, or a token for the default scopes was obtained at least once. */
    public boolean satisfied() {
        return !enabled || done || cache.hasServable(defaults);
    }

    /** A named server's prefetcher, started by its owner once the server's key is loaded. */
    public static Prefetcher forServer(TokenCache cache, ScopeSet defaults, BrokerConfig config, Pause pause) {
        return new Prefetcher(cache, defaults, config.token().prefetch(), Backoff.failedFetches(config.retry()), pause);
    }

    void onKeyLoaded(@Observes KeyManager.KeyLoaded event) {
        start();
    }

    /** Starts prefetching unless it is off, done or under way. */
    public void start() {
        if (enabled && !done && running.compareAndSet(false, true)) {
            attempt(1);
        }
    }

    /** Ends the retries (shutdown). */
    public void stop() {
        stopped = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    private void attempt(int number) {
        cache.get(defaults).subscribe().with(served -> {
            done = true;
            running.set(false);
            LOG.infof("prefetched the token for the default scopes \"%s\"", defaults);
        }, failure -> {
            if (stopped) {
                running.set(false);
                return;
            }
            Duration delay = backoff.after(number, failure);
            LOG.warnf("prefetch for \"%s\" failed, retrying in %ss: %s", defaults, delay.toSeconds(), failure.getMessage());
            pause.of(delay).subscribe().with(ignored -> attempt(number + 1));
        });
    }
}
