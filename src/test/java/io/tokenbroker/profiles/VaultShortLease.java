package io.tokenbroker.profiles;

import java.util.Map;

/** Vault Kubernetes auth handing out tokens that live 3 s (real time), to see how quarkus-vault renews. */
public class VaultShortLease extends StandInProfile {
    public VaultShortLease() {
        super(Map.of("key", "p256", "source", "vault", "format", "pkcs8", "vault-auth", "kubernetes",
                "vault-token-ttl", "3", "vault-clock", "system"));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.vault.renew-grace-period", "1s");
    }
}
