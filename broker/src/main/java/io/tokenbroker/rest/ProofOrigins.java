package io.tokenbroker.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.Htu;
import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.server.TokenTargets;

/**
 * The origins {@code /v1/authorize} hands out headers for: the Okta domain's, the token endpoint's
 * (the authorization server the tokens come from, e.g. Keycloak with {@code broker.okta.token-url}) and
 * {@code broker.dpop.allowed-origins}. A caller that could get proofs for any URL could have any
 * server of its choosing use the broker's DPoP-bound tokens. Never the token endpoint itself: a proof
 * for it (with the authorization server's nonce) would let the caller ask for tokens bound to the
 * broker's DPoP key on its own.
 */
@ApplicationScoped
public class ProofOrigins {

    private final Optional<String> domain;
    private final List<String> configured;
    private final TokenEndpoint endpoint;
    private final TokenTargets targets;
    private volatile Set<String> origins;
    private volatile Set<String> tokenEndpoints;

    @Inject
    ProofOrigins(BrokerConfig config, TokenEndpoint endpoint, TokenTargets targets) {
        this.domain = config.okta().domain().filter(d -> !d.isBlank());
        this.configured = config.dpop().allowedOrigins().orElse(List.of());
        this.endpoint = endpoint;
        this.targets = targets;
    }

    /** The default target alone, no named servers (unit tests). */
    ProofOrigins(BrokerConfig config, TokenEndpoint endpoint) {
        this(config, endpoint, null);
    }

    /** Every token endpoint the broker fetches from: the default target's and each named server's. */
    private List<URI> endpoints() {
        List<URI> all = new ArrayList<>();
        all.add(endpoint.uri());
        if (targets != null) {
            targets.named().forEach(target -> all.add(target.endpoint().uri()));
        }
        return all;
    }

    /** A malformed broker.dpop.allowed-origins entry fails the start, naming it. */
    void onStart(@Observes StartupEvent event) {
        origins();
    }

    /** @param url an absolute http(s) URL (see {@link Htu#of}) */
    public boolean allows(String url) {
        return origins().contains(Htu.origin(url));
    }

    /**
     * Whether {@code url} names the token endpoint. Compared more loosely than servers compare htu (case,
     * percent-encoding, repeated and trailing slashes aside), so that no spelling of it slips through.
     */
    public boolean isTokenEndpoint(String url) {
        Set<String> current = tokenEndpoints;
        if (current == null) {
            current = endpoints().stream().map(uri -> loose(uri.toString())).collect(Collectors.toUnmodifiableSet());
            tokenEndpoints = current;
        }
        return current.contains(loose(url));
    }

    private static String loose(String url) {
        String htu = Htu.of(url);
        StringBuilder decoded = new StringBuilder(htu.length());
        for (int i = 0; i < htu.length(); i++) {
            char c = htu.charAt(i);
            if (c == '%' && i + 2 < htu.length() && HexFormat.isHexDigit(htu.charAt(i + 1)) && HexFormat.isHexDigit(htu.charAt(i + 2))) {
                decoded.append((char) HexFormat.fromHexDigits(htu, i + 1, i + 3));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        String schemeEnd = "://";
        int pathStart = decoded.indexOf("/", decoded.indexOf(schemeEnd) + schemeEnd.length());
        String path = decoded.substring(pathStart).replaceAll("/+", "/").replaceAll("/$", "");
        return (decoded.substring(0, pathStart) + path).toLowerCase(Locale.ROOT);
    }

    private Set<String> origins() {
        Set<String> current = origins;
        if (current == null) {
            Set<String> collected = new HashSet<>();
            configured.stream().map(String::strip).filter(e -> !e.isEmpty()).map(ProofOrigins::parse).forEach(collected::add);
            domain.ifPresent(d -> collected.add(Htu.origin(d)));
            // the named servers' endpoints too: each is an authorization server the tokens come from
            endpoints().forEach(uri -> collected.add(Htu.origin(uri.toString())));
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
