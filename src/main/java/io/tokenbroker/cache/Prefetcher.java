package io.tokenbroker.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.vertx.core.Vertx;

/**
 * Fetches a token for the default scopes as soon as a key is loaded, so that the first caller
 * finds it cached; retries with capped backoff until it succeeds once. Readiness waits for it.
 */
@ApplicationScoped
public class Prefetcher {

    private static final Logger LOG = Logger.getLogger(Prefetcher.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final TokenCache cache;
    private final ScopeSet defaults;
    private final boolean enabled;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean done;
    private volatile boolean stopped;

    Prefetcher(TokenCache cache, ScopePolicy scopes, BrokerConfig config, Vertx vertx) {
        this.cache = cache;
        this.defaults = scopes.defaultScopes();
        this.enabled = config.token().prefetch() && !defaults.isEmpty();
        this.vertx = vertx;
    }

    /** True when prefetching is off, or a token for the default scopes was obtained at least once. */
    public boolean satisfied() {
        return !enabled || done || cache.hasServable(defaults);
    }

    void onKeyLoaded(@Observes KeyManager.KeyLoaded event) {
        if (enabled && !done && running.compareAndSet(false, true)) {
            attempt(FIRST_RETRY);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void attempt(Duration nextDelay) {
        cache.get(defaults).subscribe().with(served -> {
            done = true;
            running.set(false);
            LOG.infof("prefetched the token for the default scopes \"%s\"", defaults);
        }, failure -> {
            LOG.warnf("prefetch for \"%s\" failed, retrying in %ss: %s", defaults, nextDelay.toSeconds(), failure.getMessage());
            if (stopped) {
                running.set(false);
                return;
            }
            Duration after = nextDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextDelay.multipliedBy(2);
            vertx.setTimer(nextDelay.toMillis(), id -> attempt(after));
        });
    }
}
