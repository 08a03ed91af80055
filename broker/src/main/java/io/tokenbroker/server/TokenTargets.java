package io.tokenbroker.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokenbroker.cache.Prefetcher;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.dpop.DpopProofSigner;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.key.KeySettings;
import io.tokenbroker.okta.EndpointLimits;
import io.tokenbroker.okta.RateLimitGate;
import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.okta.UpstreamBudget;
import io.tokenbroker.okta.UpstreamLimiter;
import io.tokenbroker.scope.ScopePolicy;

/**
 * The token targets by the name callers give ({@code ?server=NAME}, {@code "server"}, {@code X-Token-Broker-Server}):
 * no name (or {@code default}) is the unnamed default target, made of the CDI beans everything was made of before
 * there were several; each {@code broker.servers} entry is built by {@link NamedServers}. A named server's key
 * settings equal to the default's share its key manager, a named server on the default's endpoint shares its
 * limits. Without named servers this is the default target alone, resolved with one comparison.
 */
@ApplicationScoped
public class TokenTargets {

    public static final String DEFAULT = "default";
    private static final Logger LOG = Logger.getLogger(TokenTargets.class);

    private final TokenTarget defaultTarget;
    private final Map<String, TokenTarget> named;
    private final List<KeyManager> ownKeys = new ArrayList<>();

    @SuppressWarnings("java:S107") // the default target's parts, as CDI made them
    TokenTargets(BrokerConfig config, TokenEndpoint endpoint, ScopePolicy scopes, TokenCache cache, DpopPolicy dpop,
            DpopProofSigner proofs, KeyManager keys, Prefetcher prefetcher, RateLimitGate gate, UpstreamLimiter limiter,
            UpstreamBudget budget, NamedServers servers) {
        this.defaultTarget = new TokenTarget(DEFAULT, endpoint, scopes, cache, dpop, proofs, keys, prefetcher);
        Map<String, TokenTarget> built = new LinkedHashMap<>();
        if (!config.servers().isEmpty()) {
            NamedServers.Shared shared = new NamedServers.Shared();
            shared.keys.put(KeySettings.of(config), keys);
            shared.endpoints.put(endpoint.uri().toString(), new EndpointLimits(gate, limiter, budget));
            config.servers().forEach((name, server) -> {
                TokenTarget target = servers.build(ServerSettings.of(config, name, server), shared, this::prefetchReady);
                built.put(name, target);
                if (target.keys() != keys && !ownKeys.contains(target.keys())) {
                    ownKeys.add(target.keys());
                }
            });
        }
        this.named = Map.copyOf(built);
    }

    /**
     * The target a caller named.
     *
     * @param name null for the default target (no server parameter)
     * @throws InvalidRequestException for a name that is not configured
     */
    public TokenTarget resolve(String name) {
        if (name == null) {
            return defaultTarget;
        }
        TokenTarget target = named.get(name);
        if (target != null) {
            return target;
        }
        if (name.equals(DEFAULT)) {
            return defaultTarget;
        }
        throw new InvalidRequestException("unknown server: not one of broker.servers (or default)");
    }

    public TokenTarget defaultTarget() {
        return defaultTarget;
    }

    /** The named targets, in no particular order. */
    public List<TokenTarget> named() {
        return List.copyOf(named.values());
    }

    void onStart(@Observes StartupEvent event) {
        named.values().forEach(target -> LOG.infof("server %s: token endpoint %s, default scopes \"%s\"", target.name(),
                target.endpoint().uri(), target.scopes().defaultScopes()));
        ownKeys.forEach(KeyManager::start);
        prefetchReady();
    }

    /** The default key is loaded: the named servers that sign with it may prefetch now. */
    void onKeyLoaded(@Observes KeyManager.KeyLoaded event) {
        prefetchReady();
    }

    void onStop(@Observes ShutdownEvent event) {
        named.values().forEach(target -> target.prefetcher().stop());
        ownKeys.forEach(KeyManager::stop);
    }

    /** Starts the prefetch of each named server whose key is loaded (a no-op for one done or under way). */
    private void prefetchReady() {
        if (named == null) {
            return; // a key loaded while the targets were still being built: onStart comes next
        }
        for (TokenTarget target : named.values()) {
            if (target.keys().current().isPresent()) {
                target.prefetcher().start();
            }
        }
    }
}
