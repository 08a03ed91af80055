package io.tokenbroker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;
import io.tokenbroker.key.KeyManager;

/**
 * Okta and Vault as the broker sees them, at {@code /q/health/group/dependencies}. Deliberately not
 * part of readiness: an Okta outage must not take a pod that still serves cached tokens out of
 * rotation. States change with hysteresis (see {@link UpstreamState}).
 */
@HealthGroup("dependencies")
@ApplicationScoped
public class DependenciesHealthCheck implements HealthCheck {

    private final UpstreamState okta;
    private final KeyManager keys;

    DependenciesHealthCheck(UpstreamState okta, KeyManager keys) {
        this.okta = okta;
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dependencies");
        boolean oktaDown = okta.down();
        response.withData("okta", oktaDown ? "DOWN" : "UP");
        response.withData("okta_consecutive_failures", okta.consecutiveFailures());
        if (!okta.lastError().isEmpty()) {
            response.withData("okta_last_error", okta.lastError());
        }
        if (okta.lastSuccess() != null) {
            response.withData("okta_last_success", okta.lastSuccess().toString());
        }
        boolean keySourceFailing = keys.current().isEmpty() || !keys.refreshError().isEmpty();
        response.withData("key_source", keys.sourceKind()); // served on the pod network: no location
        response.withData("key_source_state", keySourceFailing ? "FAILING" : "UP");
        return response.status(!oktaDown && keys.current().isPresent()).build();
    }
}
