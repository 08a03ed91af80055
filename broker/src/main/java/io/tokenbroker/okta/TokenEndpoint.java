package io.tokenbroker.okta;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import io.tokenbroker.config.BrokerConfig;

/**
 * The token endpoint URL, which is also the client assertion's audience: {@code broker.okta.token-url}
 * when set, else {@code {domain}/oauth2/v1/token} for the org authorization server or
 * {@code {domain}/oauth2/{id}/v1/token} for a custom one. (In dev mode and the tests, the Okta emulator's
 * config source supplies the domain when nothing is configured.)
 */
@ApplicationScoped
public class TokenEndpoint {

    private final BrokerConfig.Okta okta;
    private volatile URI resolved;

    TokenEndpoint(BrokerConfig config) {
        this.okta = config == null ? null : config.okta();
    }

    /**
     * A named server's endpoint, from its own settings.
     *
     * @throws IllegalStateException when it is not acceptable, with the reason
     */
    public static TokenEndpoint fixed(String url) {
        TokenEndpoint endpoint = new TokenEndpoint(null);
        endpoint.resolved = validate(url);
        return endpoint;
    }

    /**
     * The endpoint from the configuration, resolved and checked at once: for the command line, which runs
     * without CDI.
     *
     * @throws IllegalStateException when it is missing or not acceptable, with the reason
     */
    public static TokenEndpoint configured(BrokerConfig config) {
        TokenEndpoint endpoint = new TokenEndpoint(config);
        endpoint.uri();
        return endpoint;
    }

    /** A wrong or missing endpoint is a configuration error: fail the start, with the reason. */
    void onStart(@Observes StartupEvent event) {
        uri();
    }

    public URI uri() {
        URI uri = resolved;
        if (uri == null) {
            uri = validate(configured().orElseThrow(() -> new IllegalStateException(
                    "no token endpoint: set broker.okta.domain (BROKER_OKTA_DOMAIN)"
                    + " or broker.okta.token-url (BROKER_OKTA_TOKEN_URL)")));
            resolved = uri;
        }
        return uri;
    }

    private Optional<String> configured() {
        return derive(okta.tokenUrl(), okta.domain(), okta.authorizationServer());
    }

    /** The token URL from an explicit setting, else from the Okta domain and authorization server. */
    public static Optional<String> derive(Optional<String> tokenUrl, Optional<String> domain, String authorizationServer) {
        Optional<String> explicit = tokenUrl.filter(u -> !u.isBlank());
        if (explicit.isPresent()) {
            return explicit;
        }
        return domain.filter(d -> !d.isBlank()).map(d -> {
            String base = d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
            String server = authorizationServer.strip();
            return "org".equals(server) ? base + "/oauth2/v1/token" : base + "/oauth2/" + server + "/v1/token";
        });
    }

    public static URI validate(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the token endpoint is not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalStateException("the token endpoint must be an absolute http(s) URL: " + url);
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalStateException("the token endpoint must use https (plain http only for loopback): " + url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("the token endpoint must not carry a query or fragment: " + url);
        }
        return uri;
    }

    /** A loopback host as {@link URI#getHost()} gives it: the only hosts plain http may carry secrets to. */
    public static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }
}
