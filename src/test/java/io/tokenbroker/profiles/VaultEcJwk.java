package io.tokenbroker.profiles;

import java.util.Map;

/** EC P-256 private JWK (with kid) in Vault; client id from configuration; Vault Kubernetes auth. */
public class VaultEcJwk extends StandInProfile {
    public VaultEcJwk() {
        super(Map.of("key", "p256", "source", "vault", "format", "jwk", "client-id", "config", "vault-auth", "kubernetes"));
    }
}
