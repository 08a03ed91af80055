package io.tokenbroker.profiles;

import java.util.Map;

/** Vault refuses connections when the broker starts. */
public class VaultDownAtStart extends StandInProfile {
    public VaultDownAtStart() {
        super(Map.of("key", "rsa2048", "source", "vault", "format", "pkcs8", "vault-mode", "down"));
    }
}
