package io.tokenbroker.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.Htu;
import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.server.TokenTargets;

/**
 * The origins {@code /v1/authorize} hands out headers for: the Okta domain's, the token endpoint's
 * (the authorization server the tokens come from, e.g. Keycloak with {@code broker.okta.token-url}) and
 * {@code broker.dpop.allowed-origins}. A caller that could get proofs for any URL could have any
 * server of its choosing use the broker's DPoP-bound tokens.
 */
@ApplicationScoped
public class ProofOrigins {

    private final Optional<String> domain;
    private final List<String> configured;
    private final TokenEndpoint endpoint;
    private final TokenTargets targets;
    private volatile Set<String> origins;

    ProofOrigins(BrokerConfig config, TokenEndpoint endpoint, TokenTargets targets) {
        this.domain = config.okta().domain().filter(d -> !d.isBlank());
        this.configured = config.dpop().allowedOrigins().orElse(List.of());
        this.endpoint = endpoint;
        this.targets = targets;
    }

    /** A malformed broker.dpop.allowed-origins entry fails the start, naming it. */
    void onStart(@Observes StartupEvent event) {
        origins();
    }

    /** @param url an absolute http(s) URL (see {@link Htu#of}) */
    public boolean allows(String url) {
        return origins().contains(Htu.origin(url));
    }

    private Set<String> origins() {
        Set<String> current = origins;
        if (current == null) {
            Set<String> collected = new HashSet<>();
            configured.stream().map(String::strip).filter(e -> !e.isEmpty()).map(ProofOrigins::parse).forEach(collected::add);
            domain.ifPresent(d -> collected.add(Htu.origin(d)));
            collected.add(Htu.origin(endpoint.uri().toString()));
            // the named servers' endpoints too: each is an authorization server the tokens come from
            targets.named().forEach(target -> collected.add(Htu.origin(target.endpoint().uri().toString())));
            current = Set.copyOf(collected);
            origins = current;
        }
        return current;
    }

    /** {@code scheme://host[:port]}, nothing more, normalised as proofs are. */
    static String parse(String entry) {
        String bare = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
        URI uri;
        try {
            uri = new URI(bare);
            Htu.of(bare);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("broker.dpop.allowed-origins: \"" + entry + "\" is not an http(s) origin (scheme://host[:port])");
        }
        if (uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("broker.dpop.allowed-origins: \"" + entry
                    + "\" must be an origin only (scheme://host[:port]), without user, path, query or fragment");
        }
        return Htu.origin(bare);
    }
}
