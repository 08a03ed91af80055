package io.tokenbroker.profiles;

import java.util.Map;

/** RSA key in Vault (token auth), with a short read timeout so that a slow Okta is a timeout. */
public class Resilience extends StandInProfile {
    public Resilience() {
        super(Map.of("key", "rsa2048", "source", "vault", "format", "pkcs8"));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("broker.okta.read-timeout", "500ms",
                "broker.okta.connect-timeout", "500ms",
                "broker.token.max-wait", "8s");
    }
}
