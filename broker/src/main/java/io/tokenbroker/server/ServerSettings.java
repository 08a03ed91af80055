package io.tokenbroker.server;

import java.util.List;
import java.util.Optional;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.BrokerConfig.DpopMode;
import io.tokenbroker.key.KeySettings;
import io.tokenbroker.okta.TokenEndpoint;

/**
 * One named server's effective settings: its {@code broker.servers.NAME.*} keys, each unset one the default
 * target's ({@code broker.okta.*}, {@code broker.key.*}).
 *
 * @param key the key it signs with: the default target's settings when it has no {@code key.*} of its own
 * @param clientId the client id its assertions are issued for instead of the key's (another app, same key)
 */
public record ServerSettings(String name, String tokenUrl, List<String> defaultScopes, List<String> allowedScopes, DpopMode dpop,
        int requestsPerMinute, KeySettings key, Optional<String> clientId) {

    /**
     * A configured server's settings: for the command line, which runs without CDI.
     *
     * @throws IllegalArgumentException when no server has this name
     */
    public static ServerSettings named(BrokerConfig config, String name) {
        BrokerConfig.Server server = config.servers().get(name);
        if (server == null) {
            throw new IllegalArgumentException("no server " + name + " in broker.servers");
        }
        return of(config, name, server);
    }

    static ServerSettings of(BrokerConfig config, String name, BrokerConfig.Server server) {
        String prefix = prefix(name);
        BrokerConfig.Okta okta = config.okta();
        boolean ownEndpoint = server.tokenUrl().isPresent() || server.authorizationServer().isPresent();
        Optional<String> url = ownEndpoint
                ? TokenEndpoint.derive(server.tokenUrl(), okta.domain(), server.authorizationServer().orElse("org"))
                : TokenEndpoint.derive(okta.tokenUrl(), okta.domain(), okta.authorizationServer());
        String tokenUrl = url.orElseThrow(() -> new IllegalStateException(prefix + " has no token endpoint: set " + prefix
                + ".token-url, or broker.okta.domain and " + prefix + ".authorization-server"));
        KeySettings defaultKey = KeySettings.of(config);
        boolean ownKey = KeySettings.ownKey(server.key());
        KeySettings key = ownKey ? defaultKey.with(server.key(), server.clientId()) : defaultKey;
        return new ServerSettings(name, tokenUrl, server.defaultScopes().or(okta::defaultScopes).orElse(List.of()),
                server.allowedScopes().or(okta::allowedScopes).orElse(List.of()), server.dpop().orElse(okta.dpop()),
                server.maxTokenRequestsPerMinute().orElse(okta.maxTokenRequestsPerMinute()), key,
                ownKey ? Optional.empty() : server.clientId().filter(id -> !id.isBlank()));
    }

    static String prefix(String name) {
        return "broker.servers." + name;
    }

    public String prefix() {
        return prefix(name);
    }
}
