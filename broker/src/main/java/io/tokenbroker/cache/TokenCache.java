package io.tokenbroker.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Backoff;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.ResilientTokenClient;
import io.tokenbroker.okta.UpstreamBudget;
import io.tokenbroker.okta.UpstreamBudget.Priority;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;

/**
 * Access tokens by normalised scope set. Serves a cached token while it is servable (see
 * {@link Freshness}), starts a background refresh once one is due, and makes callers wait (at most
 * {@code broker.token.max-wait}) only when no servable token exists, sharing one upstream request per
 * scope set. A failed fetch is remembered: a rejection for {@code broker.token.rejection-memory}, a
 * transient failure for a growing, jittered backoff; callers meanwhile get the same answer. A fetch
 * starts only while the {@link UpstreamBudget} has a permit: otherwise 503, and a due background
 * refresh waits (the cached token is still served). Refreshes and pinned scope sets may use the
 * budget's reserve; the slots a fetch needs are kept by {@link TokenSlots}.
 */
@ApplicationScoped
public class TokenCache {

    private static final Logger LOG = Logger.getLogger(TokenCache.class);

    private final Function<ScopeSet, Uni<IssuedToken>> upstream;
    private final UpstreamBudget budget;
    private final FailureMemory failures;
    private final Clock clock;
    private final Freshness freshness;
    private final BrokerConfig config;
    private final CacheMetrics metrics;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final TokenSlots slots;
    /** The token target this cache holds the tokens of: {@code default} or a broker.servers name. */
    private final String server;
    // a field, not a constructor parameter: observers (the token file sink) are optional
    @Inject
    Event<TokenStored> stored;

    @Inject
    TokenCache(ResilientTokenClient client, Clock clock, BrokerConfig config, CacheMetrics metrics, UpstreamBudget budget,
            ScopePolicy policy) {
        this(client::fetch, clock, config, metrics, budget);
        pinDefaultScopes(policy);
    }

    TokenCache(Function<ScopeSet, Uni<IssuedToken>> upstream, Clock clock, BrokerConfig config, CacheMetrics metrics,
            UpstreamBudget budget) {
        this("default", upstream, clock, config, metrics, budget);
    }

    /**
     * The cache of a named server's tokens: the same rules, its own entries, single flight and failure memory,
     * the budget of its endpoint; its default scope set pinned.
     */
    public static TokenCache forServer(String server, ResilientTokenClient client, Clock clock, BrokerConfig config,
            CacheMetrics metrics, UpstreamBudget budget, ScopePolicy policy, Event<TokenStored> stored) {
        TokenCache cache = new TokenCache(server, client::fetch, clock, config, metrics, budget);
        cache.stored = stored;
        cache.pinDefaultScopes(policy);
        return cache;
    }

    /** The target's default scope set is one the pod depends on (prefetch, callers without a scope). */
    private void pinDefaultScopes(ScopePolicy policy) {
        if (!policy.defaultScopes().isEmpty()) {
            pin(policy.defaultScopes());
        }
    }

    private TokenCache(String server, Function<ScopeSet, Uni<IssuedToken>> upstream, Clock clock, BrokerConfig config,
            CacheMetrics metrics, UpstreamBudget budget) {
        this.server = server;
        this.upstream = upstream;
        this.budget = budget;
        this.failures = new FailureMemory(clock, config.token().rejectionMemory(), Backoff.failedFetches(config.retry()));
        this.clock = clock;
        this.config = config;
        this.metrics = metrics;
        this.freshness = new Freshness(config.token().minValidity(), config.token().refreshRatio());
        this.slots = new TokenSlots(config.token().maxScopeSets(), clock, freshness, metrics);
    }

    public Uni<ServedToken> get(ScopeSet scopes) {
        ServedToken ready = cached(scopes);
        if (ready != null) {
            return Uni.createFrom().item(ready);
        }
        TokenSlot slot = slots.find(scopes);
        if (slot == null || !slot.fetching()) {
            // no fetch to join: refusals come first, and only a fetch that starts gets a slot (and may evict)
            Instant now = clock.instant();
            if (blocked(scopes, now)) {
                return Uni.createFrom().failure(failures.get(scopes).replay(now));
            }
            Priority priority = slots.pinned(scopes) ? Priority.HIGH : Priority.NORMAL;
            if (!budget.tryAcquire(priority)) {
                return Uni.createFrom().failure(new TemporarilyUnavailableException("the upstream budget"
                        + " (broker.okta.max-token-requests-per-minute) is spent; cached tokens are still served",
                        budget.untilAvailable(priority)));
            }
            slot = slots.create(scopes);
        }
        TokenSlot fetching = slot;
        Duration maxWait = config.token().maxWait();
        return slot.fetch(() -> upstream(scopes, fetching))
                .map(fresh -> served(fresh.token(), scopes))
                // a failed fetch answers as the memory of it will: Retry-After = when the next attempt may start
                .onFailure().transform(failure -> remembered(scopes, failure))
                .ifNoItem().after(maxWait).failWith(() -> new TemporarilyUnavailableException(
                        "no token for \"" + scopes + "\" within " + maxWait.toMillis() + " ms; the request goes on",
                        Duration.ofSeconds(1)));
    }

    /**
     * The cached token for {@code scopes} when it may be served now, starting its refresh in the background
     * when that is due; null when {@link #get} has to wait for the upstream or fail. The same rules as
     * {@code get}, without a {@link Uni}: the event loop answers a cached token at once.
     */
    public ServedToken cached(ScopeSet scopes) {
        TokenSlot slot = slots.find(scopes);
        CachedToken cached = slot == null ? null : slot.token();
        Instant now = clock.instant();
        if (cached == null || !freshness.servable(cached.token(), now)) {
            return null;
        }
        if (!now.isBefore(cached.refreshAt()) && !slot.fetching() && !blocked(scopes, now)) {
            refreshInBackground(scopes, slot);
        }
        return new ServedToken(cached.token(), ServedToken.Source.CACHE);
    }

    /**
     * Keeps {@code scopes} in the cache whatever other callers ask for, and lets its fetches use the budget's
     * reserve: for the scope sets the pod depends on (the default scopes, the token file's).
     */
    public void pin(ScopeSet scopes) {
        slots.pin(scopes);
    }

    /** Whether {@code scopes} was {@link #pin pinned}. */
    public boolean pinned(ScopeSet scopes) {
        return slots.pinned(scopes);
    }

    /** True while an upstream request for any scope set is under way: a caller's, a refresh or a prefetch. */
    public boolean fetching() {
        return slots.anyFetching();
    }

    /** The last instant {@code token} may be handed out (the effective min-validity rule). */
    public Instant servableUntil(IssuedToken token) {
        return freshness.servableUntil(token);
    }

    /** True when a token for {@code scopes} could be served right now from the cache. */
    public boolean hasServable(ScopeSet scopes) {
        TokenSlot slot = slots.peek(scopes);
        CachedToken cached = slot == null ? null : slot.token();
        return cached != null && freshness.servable(cached.token(), clock.instant());
    }

    private Throwable remembered(ScopeSet scopes, Throwable failure) {
        FailureMemo memo = failures.get(scopes);
        return memo != null && memo.holds(clock.instant()) ? memo.replay(clock.instant()) : failure;
    }

    private boolean blocked(ScopeSet scopes, Instant now) {
        FailureMemo failure = failures.get(scopes);
        return failure != null && failure.holds(now);
    }

    private Uni<CachedToken> upstream(ScopeSet scopes, TokenSlot slot) {
        return upstream.apply(scopes)
                .map(token -> new CachedToken(token, freshness.refreshAt(token, jitter())))
                .invoke(fresh -> {
                    slot.succeeded(fresh);
                    failures.succeeded(scopes);
                    if (stored != null) { // null in plain unit tests, which build the cache without CDI
                        stored.fire(new TokenStored(server, scopes, fresh.token()));
                    }
                })
                .onFailure().invoke(failure -> failures.failed(scopes, failure));
    }

    private double jitter() {
        double spread = config.token().refreshJitter();
        return spread <= 0 ? 0 : random.nextDouble(-spread, spread);
    }

    /** The rule that no caller ever gets a token with less than the effective min-validity left. */
    private ServedToken served(IssuedToken token, ScopeSet scopes) {
        if (!freshness.servable(token, clock.instant())) {
            throw new TemporarilyUnavailableException("the authorization server issued a token for \"" + scopes
                    + "\" that is already too close to expiry", Duration.ofSeconds(1));
        }
        return new ServedToken(token, ServedToken.Source.UPSTREAM);
    }

    private void refreshInBackground(ScopeSet scopes, TokenSlot slot) {
        if (!budget.tryAcquire(slots.pinned(scopes) ? Priority.HIGH : Priority.REFRESH)) {
            metrics.refreshPostponed();
            LOG.debugf("refresh of \"%s\" postponed: the upstream budget is spent", scopes);
            return;
        }
        LOG.debugf("refreshing the token for \"%s\" in the background", scopes);
        slot.fetch(() -> upstream(scopes, slot)).subscribe().with(
                token -> metrics.refreshed(true),
                failure -> {
                    metrics.refreshed(false);
                    LOG.warnf("background refresh for \"%s\" failed, the cached token is still served: %s",
                            scopes, failure.getMessage());
                });
    }
}
