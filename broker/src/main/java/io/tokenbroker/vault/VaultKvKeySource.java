package io.tokenbroker.vault;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.key.KeyMaterialException;
import io.tokenbroker.key.KeySource;
import io.tokenbroker.key.RawKey;

/**
 * Reads the key from a Vault KV v2 secret through quarkus-vault: field {@code private_key} (PEM or
 * JWK JSON), optional {@code kid} and {@code client_id}. Vault connection, authentication and the
 * KV mount and version come from the extension's {@code quarkus.vault.*} settings
 * ({@code quarkus.vault.kv-secret-engine-mount-path}, default {@code secret}).
 */
public class VaultKvKeySource implements KeySource<RawKey> {

    static final String PRIVATE_KEY = "private_key";
    static final String KID = "kid";
    static final String CLIENT_ID = "client_id";

    private final VaultKVSecretReactiveEngine kv;
    private final String mount;
    private final String path;

    public VaultKvKeySource(VaultKVSecretReactiveEngine kv, String mount, String path) {
        this.kv = kv;
        this.mount = mount;
        this.path = path;
    }

    /** A KV v2 key text source at {@code path} below the configured KV mount. */
    public static VaultKvKeySource at(Instance<VaultKVSecretReactiveEngine> kv, String path) {
        requireVaultUrl();
        String mount = ConfigProvider.getConfig().getOptionalValue("quarkus.vault.kv-secret-engine-mount-path", String.class)
                .orElse("secret");
        return new VaultKvKeySource(kv.get(), mount, path);
    }

    static void requireVaultUrl() {
        if (ConfigProvider.getConfig().getOptionalValue("quarkus.vault.url", String.class).isEmpty()) {
            throw new IllegalStateException("broker.key.source=vault or transit needs quarkus.vault.url (QUARKUS_VAULT_URL)"
                    + " and Vault authentication (quarkus.vault.authentication.*); or use broker.key.source=file");
        }
    }

    @Override
    public Uni<RawKey> load() {
        return kv.readSecretJson(path).map(this::toRawKey);
    }

    private RawKey toRawKey(Map<String, Object> data) {
        Object privateKey = data.get(PRIVATE_KEY);
        if (privateKey == null) {
            throw new KeyMaterialException(describe(), "the secret has no '" + PRIVATE_KEY + "' field (fields present: "
                    + data.keySet() + ")");
        }
        String text = privateKey instanceof String s ? s : JsonText.of(privateKey);
        return new RawKey(text, field(data, KID), field(data, CLIENT_ID), describe());
    }

    private static Optional<String> field(Map<String, Object> data, String name) {
        return Optional.ofNullable(data.get(name)).map(Object::toString).filter(v -> !v.isBlank());
    }

    @Override
    public String describe() {
        return "vault " + mount + "/" + path;
    }
}
