package io.tokenbroker.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.OktaTokenClient;
import io.tokenbroker.scope.ScopeSet;

/**
 * Access tokens by normalised scope set. Serves a cached token while it is servable (see
 * {@link Freshness}), starts a background refresh once one is due, and makes callers wait only
 * when no servable token exists, sharing one upstream request per scope set.
 */
@ApplicationScoped
public class TokenCache {

    private static final Logger LOG = Logger.getLogger(TokenCache.class);

    private final OktaTokenClient client;
    private final Clock clock;
    private final Freshness freshness;
    private final ConcurrentMap<ScopeSet, TokenSlot> slots = new ConcurrentHashMap<>();

    TokenCache(OktaTokenClient client, Clock clock, BrokerConfig config) {
        this.client = client;
        this.clock = clock;
        this.freshness = new Freshness(config.token().minValidity(), config.token().refreshRatio());
    }

    public Uni<ServedToken> get(ScopeSet scopes) {
        TokenSlot slot = slots.computeIfAbsent(scopes, s -> new TokenSlot());
        Instant now = clock.instant();
        IssuedToken cached = slot.token();
        if (cached != null && freshness.servable(cached, now)) {
            if (!now.isBefore(freshness.refreshAt(cached)) && !slot.fetching()) {
                refreshInBackground(scopes, slot);
            }
            return Uni.createFrom().item(new ServedToken(cached, ServedToken.Source.CACHE));
        }
        return slot.fetch(() -> client.fetch(scopes)).map(token -> served(token, scopes));
    }

    /** True when a token for {@code scopes} could be served right now from the cache. */
    public boolean hasServable(ScopeSet scopes) {
        TokenSlot slot = slots.get(scopes);
        IssuedToken token = slot == null ? null : slot.token();
        return token != null && freshness.servable(token, clock.instant());
    }

    /** The rule that no caller ever gets a token with less than the effective min-validity left. */
    private ServedToken served(IssuedToken token, ScopeSet scopes) {
        if (!freshness.servable(token, clock.instant())) {
            throw new TemporarilyUnavailableException("the authorization server issued a token for \"" + scopes
                    + "\" that is already too close to expiry", java.time.Duration.ofSeconds(1));
        }
        return new ServedToken(token, ServedToken.Source.UPSTREAM);
    }

    private void refreshInBackground(ScopeSet scopes, TokenSlot slot) {
        LOG.debugf("refreshing the token for \"%s\" in the background", scopes);
        slot.fetch(() -> client.fetch(scopes)).subscribe().with(
                token -> LOG.debugf("background refresh for \"%s\" done", scopes),
                failure -> LOG.warnf("background refresh for \"%s\" failed, the cached token is still served: %s",
                        scopes, failure.getMessage()));
    }
}
