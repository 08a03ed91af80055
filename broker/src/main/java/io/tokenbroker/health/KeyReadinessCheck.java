package io.tokenbroker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.tokenbroker.cache.Prefetcher;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.key.KeyManager;

/**
 * Ready when the signing key is loaded and (unless disabled) the default scopes' token was prefetched. Its
 * data is served on the pod network (the management interface is bound there for probes): it tells an
 * operator whether and why not, never where the key lives (no Vault path, file path, Transit key name)
 * nor which it is (no kid).
 */
@Readiness
@ApplicationScoped
public class KeyReadinessCheck implements HealthCheck {

    private final KeyManager keys;
    private final Prefetcher prefetcher;
    private final DpopPolicy dpop;
    // a field, not a constructor parameter: listeners and the token file sink only add data
    @Inject
    ChannelsReadiness channels;
    @Inject
    ServersReadiness servers;

    KeyReadinessCheck(KeyManager keys, Prefetcher prefetcher, DpopPolicy dpop) {
        this.keys = keys;
        this.prefetcher = prefetcher;
        this.dpop = dpop;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("token-broker");
        response.withData("key_source", keys.sourceKind());
        response.withData("key_loaded", keys.current().isPresent());
        keys.current().ifPresentOrElse(key -> response.withData("algorithm", key.algorithm()),
                () -> response.withData("key_error", keys.lastErrorSummary()));
        if (!keys.refreshErrorSummary().isEmpty()) {
            response.withData("key_refresh_error", keys.refreshErrorSummary());
        }
        boolean prefetched = prefetcher.satisfied();
        response.withData("default_token_ready", prefetched);
        // what token requests carry now: in auto mode this turns to DPoP once the server requires it
        response.withData("dpop_mode", dpop.mode().name().toLowerCase(java.util.Locale.ROOT));
        response.withData("token_requests", dpop.active() ? "dpop" : "bearer");
        boolean channelsReady = channels.describe(response);
        servers.describe(response);
        return response.status(keys.current().isPresent() && prefetched && channelsReady).build();
    }
}
