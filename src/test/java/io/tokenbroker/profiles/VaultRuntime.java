package io.tokenbroker.profiles;

import java.util.Map;

/** Like {@link VaultRsaPkcs8}, in its own broker instance, because its tests rotate the key in Vault. */
public class VaultRuntime extends StandInProfile {
    public VaultRuntime() {
        super(Map.of("key", "rsa2048", "source", "vault", "format", "pkcs8"));
    }
}
