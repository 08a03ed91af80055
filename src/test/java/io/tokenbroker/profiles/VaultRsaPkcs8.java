package io.tokenbroker.profiles;

import java.util.Map;

/** RSA 2048 PKCS#8 PEM in Vault KV v2 with kid and client_id fields; Vault token auth. */
public class VaultRsaPkcs8 extends StandInProfile {
    public VaultRsaPkcs8() {
        super(Map.of("key", "rsa2048", "source", "vault", "format", "pkcs8"));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.log.file.enable", "true",
                "quarkus.log.file.path", "target/test-logs/vault-rsa.log",
                "quarkus.log.file.level", "ALL",
                "quarkus.log.level", "DEBUG",
                "quarkus.log.min-level", "TRACE");
    }
}
