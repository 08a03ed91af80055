package io.tokenbroker.server;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.quarkus.vault.VaultTransitSecretReactiveEngine;
import io.tokenbroker.assertion.ClientAssertionSigner;
import io.tokenbroker.cache.CacheMetrics;
import io.tokenbroker.cache.Prefetcher;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.cache.TokenStored;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.DpopKeys;
import io.tokenbroker.dpop.DpopMetrics;
import io.tokenbroker.dpop.DpopNonces;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.dpop.DpopProofSigner;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.key.KeySettings;
import io.tokenbroker.key.KeySource;
import io.tokenbroker.key.SigningKey;
import io.tokenbroker.okta.EndpointLimits;
import io.tokenbroker.okta.ResilientTokenClient;
import io.tokenbroker.okta.TokenClients;
import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.okta.UpstreamMetrics;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.vault.KeySourceProducer;
import io.vertx.core.Vertx;

/**
 * Builds the named servers' {@link TokenTarget}s as CDI builds the default one, from the same parts: a token
 * endpoint, the limits of that endpoint (shared with any other server on it), a key (loaded once per distinct
 * key settings), its own DPoP key, nonces and policy, its own cache and metrics tagged with its name.
 */
@ApplicationScoped
class NamedServers {

    private final BrokerConfig config;
    private final Clock clock;
    private final Pause pause;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final Instance<VaultKVSecretReactiveEngine> kv;
    private final Instance<VaultTransitSecretReactiveEngine> transit;
    private final Event<TokenStored> stored;

    NamedServers(BrokerConfig config, Clock clock, Pause pause, Vertx vertx, MeterRegistry registry, ObjectMapper mapper,
            Instance<VaultKVSecretReactiveEngine> kv,
            Instance<VaultTransitSecretReactiveEngine> transit, Event<TokenStored> stored) {
        this.config = config;
        this.clock = clock;
        this.pause = pause;
        this.vertx = vertx;
        this.registry = registry;
        this.mapper = mapper;
        this.kv = kv;
        this.transit = transit;
        this.stored = stored;
    }

    /** Shared state while the targets are built: one key manager per key, one set of limits per endpoint. */
    static final class Shared {
        final Map<KeySettings, KeyManager> keys = new HashMap<>();
        final Map<String, EndpointLimits> endpoints = new HashMap<>();
    }

    /**
     * @param loaded told when a key this builds (another app's) is installed
     * @throws IllegalStateException a setting that cannot work, naming the key
     */
    TokenTarget build(ServerSettings settings, Shared shared, Runnable loaded) {
        TokenEndpoint endpoint;
        try {
            endpoint = TokenEndpoint.fixed(settings.tokenUrl());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(settings.prefix() + ": " + e.getMessage(), e);
        }
        EndpointLimits limits = shared.endpoints.computeIfAbsent(endpoint.uri().toString(),
                url -> EndpointLimits.of(config, clock, pause, settings.requestsPerMinute()));
        KeyManager keys = shared.keys.computeIfAbsent(settings.key(), key -> ownKey(settings, loaded));
        String name = settings.name();
        DpopMetrics dpopMetrics = new DpopMetrics(registry, name);
        DpopNonces nonces = new DpopNonces();
        DpopPolicy dpop = DpopPolicy.of(settings.dpop(), dpopMetrics);
        DpopProofSigner proofs = new DpopProofSigner(DpopKeys.generatedOnly(vertx), nonces, clock, dpopMetrics);
        ClientAssertionSigner assertions = new ClientAssertionSigner(keys, clock, config.assertion().lifetime(),
                settings.clientId());
        ResilientTokenClient client = TokenClients.forServer(config, endpoint, assertions::assertionFor, limits,
                new TokenClients.ServerDpop(dpop, proofs, nonces, dpopMetrics), new UpstreamMetrics(registry, name), clock,
                pause, mapper);
        ScopePolicy scopes = ScopePolicy.forServer(settings.defaultScopes(), settings.allowedScopes(),
                config.token().maxScopeSets(), settings.prefix());
        TokenCache cache = TokenCache.forServer(name, client, clock, config, new CacheMetrics(registry, name), limits.budget(),
                scopes, stored);
        return new TokenTarget(name, endpoint, scopes, cache, dpop, proofs, keys,
                Prefetcher.forServer(cache, scopes.defaultScopes(), config, pause));
    }

    private KeyManager ownKey(ServerSettings settings, Runnable loaded) {
        KeySource<SigningKey> source = KeySourceProducer.of(settings.key(), settings.prefix() + ".key", kv, transit, clock);
        return KeyManager.standalone(source, settings.key().source(), clock, vertx, pause, event -> loaded.run(), config,
                registry);
    }
}
