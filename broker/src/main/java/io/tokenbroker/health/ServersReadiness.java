package io.tokenbroker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.tokenbroker.server.TokenTarget;
import io.tokenbroker.server.TokenTargets;

/**
 * The named servers as readiness data, {@code server_NAME}: {@code READY} (key loaded, default scopes' token
 * prefetched or none needed), {@code TOKEN_PENDING} or {@code KEY_PENDING}. Data only, never a reason to be
 * unready: a custom authorization server that is down or refuses must not take the pod, and with it every
 * other server's tokens, out of service. Readiness itself stays the default target's.
 */
@ApplicationScoped
public class ServersReadiness {

    private final TokenTargets targets;

    ServersReadiness(TokenTargets targets) {
        this.targets = targets;
    }

    void describe(HealthCheckResponseBuilder response) {
        for (TokenTarget target : targets.named()) {
            String state = target.keys().current().isEmpty() ? "KEY_PENDING" : target.ready() ? "READY" : "TOKEN_PENDING";
            response.withData("server_" + target.name(), state);
        }
    }
}
