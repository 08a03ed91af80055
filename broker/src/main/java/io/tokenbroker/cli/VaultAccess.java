package io.tokenbroker.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2ReadSecretData;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitCreateKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyInfo;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyType;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyVersion;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitRotateKeyParams;
import io.quarkus.vault.runtime.config.VaultRuntimeConfig;

/**
 * Vault for the setup commands, through quarkus-vault's standalone client (JDK HTTP, no CDI), reached
 * and logged in to as {@link VaultConnection} says, on the KV and Transit mounts of the broker's
 * {@code quarkus.vault.*} settings. KV v2 writes are check-and-set. The Vault token never appears in a
 * message: Vault's errors name the operation, the path, the status and Vault's own error list.
 */
final class VaultAccess {

    /** Vault's error text (KV v2) for a write whose {@code cas} is not the secret's current version. */
    private static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";

    private final VaultClient client;
    private final String kvMount;
    private final String transitMount;

    private VaultAccess(VaultClient client, String kvMount, String transitMount) {
        this.client = client;
        this.kvMount = kvMount;
        this.transitMount = transitMount;
    }

    static VaultAccess from(CliConfig config) {
        VaultRuntimeConfig vault = config.vault();
        return new VaultAccess(VaultConnection.of(config).client(), SafeUrls.path(vault.kvSecretEngineMountPath(), "the KV mount"),
                SafeUrls.path(vault.transitSecretEngineMountPath(), "the Transit mount"));
    }

    /** The data of the KV v2 secret at {@code path}, as text; empty when there is none. */
    Optional<Map<String, String>> read(String path) {
        return secret(path).map(Secret::data);
    }

    /** The KV v2 secret at {@code path} and its version, which a write that replaces it names; empty when there is none. */
    Optional<Secret> secret(String path) {
        VaultSecretsKV2ReadSecretData read;
        try {
            read = await(client.secrets().kv2(kvMount).readSecret(SafeUrls.path(path, "the Vault path")), "read", describe(path));
        } catch (NotFound e) {
            return Optional.empty();
        }
        Map<String, String> text = new LinkedHashMap<>();
        read.getData().forEach((name, value) -> text.put(name, value instanceof String s ? s : json(value)));
        Integer version = read.getMetadata() == null ? null : read.getMetadata().getVersion();
        return Optional.of(new Secret(text, version == null ? 0 : version));
    }

    /**
     * The secret's current version even when it is deleted (a read says 404 then, yet a write with
     * {@code cas=0} fails); 0 when Vault has no version at {@code path}.
     */
    int currentVersion(String path) {
        try {
            Integer current = await(client.secrets().kv2(kvMount).readSecretMetadata(SafeUrls.path(path, "the Vault path")),
                    "read the metadata of", describe(path)).getCurrentVersion();
            return current == null ? 0 : current;
        } catch (NotFound e) {
            return 0;
        }
    }

    /**
     * Writes {@code data} as the next version of {@code path} with KV v2 check-and-set: Vault refuses
     * the write unless {@code version} is still the current one (0: there is none), so nothing written
     * by someone else since it was read is lost.
     */
    void write(String path, Map<String, String> data, int version) {
        try {
            await(client.secrets().kv2(kvMount).updateSecret(SafeUrls.path(path, "the Vault path"),
                    new VaultSecretsKV2UpdateSecretOptions().setCas(version), new LinkedHashMap<>(data)), "write", describe(path));
        } catch (CasMismatch e) {
            throw new CliException(CliException.REFUSED, "refused to overwrite " + describe(path) + ": " + (version == 0
                    ? "Vault holds a secret there (perhaps only deleted versions)"
                    : "it changed since it was read (it is no longer version " + version + ")")
                    + "; nothing written");
        }
    }

    /** Removes every version and the metadata of {@code path}, so no copy of what it held remains; a no-op when absent. */
    void destroy(String path) {
        try {
            await(client.secrets().kv2(kvMount).deleteSecretMetadata(SafeUrls.path(path, "the Vault path")), "delete", describe(path));
        } catch (NotFound e) {
            // nothing to remove
        }
    }

    /** Creates a non-exportable Transit signing key of {@code type} (rsa-2048, ecdsa-p256, ...); a no-op when it exists. */
    void createTransitKey(String name, String type) {
        await(client.secrets().transit(transitMount).createKey(SafeUrls.segment(name, "the Transit key name"),
                new VaultSecretsTransitCreateKeyParams().setType(VaultSecretsTransitKeyType.from(type)).setExportable(false)
                        .setAllowPlaintextBackup(false)),
                "create Transit key", transitMount + "/keys/" + name);
    }

    void rotateTransitKey(String name) {
        await(client.secrets().transit(transitMount).rotateKey(SafeUrls.segment(name, "the Transit key name"),
                new VaultSecretsTransitRotateKeyParams()), "rotate Transit key", transitMount + "/keys/" + name);
    }

    boolean transitKeyExists(String name) {
        try {
            await(client.secrets().transit(transitMount).readKey(SafeUrls.segment(name, "the Transit key name")),
                    "read Transit key", transitMount + "/keys/" + name);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    /** The public key (PEM) of the latest version, and its number. */
    Map.Entry<Integer, String> latestTransitPublicKey(String name) {
        String where = transitMount + "/keys/" + name;
        VaultSecretsTransitKeyInfo info;
        try {
            info = await(client.secrets().transit(transitMount).readKey(SafeUrls.segment(name, "the Transit key name")),
                    "read Transit key", where);
        } catch (NotFound e) {
            throw new CliException(CliException.OPERATION_FAILED, "no Transit key " + where);
        }
        int latest = info.getLatestVersion() == null ? 0 : info.getLatestVersion();
        VaultSecretsTransitKeyVersion version = info.getKeys() == null ? null : info.getKeys().get(Integer.toString(latest));
        if (version == null || version.getPublicKey() == null || version.getPublicKey().isEmpty()) {
            throw new CliException(CliException.OPERATION_FAILED, "Transit key " + name + " has no public key: not an asymmetric key");
        }
        return Map.entry(latest, version.getPublicKey());
    }

    String describe(String path) {
        return kvMount + "/" + path.replaceAll("^/+", "");
    }

    private static <T> T await(CompletionStage<T> stage, String action, String where) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof VaultClientException refused) {
                if (refused.getStatus() != null && refused.getStatus() == 404) {
                    throw new NotFound();
                }
                if (refused.getStatus() != null && refused.getStatus() == 400 && refused.hasErrorContaining(CAS_MISMATCH)) {
                    throw new CasMismatch();
                }
                throw new CliException(CliException.OPERATION_FAILED, "Vault refused to " + action + " " + where + ": "
                        + (refused.getStatus() == null ? "" : "HTTP " + refused.getStatus() + " ")
                        + (refused.getErrors() == null ? "" : refused.getErrors()));
            }
            // an I/O failure's message is a host or a file (the Kubernetes service account token's), never a secret
            throw new CliException(CliException.OPERATION_FAILED, "cannot " + action + " " + where + " in Vault: "
                    + cause.getClass().getSimpleName()
                    + (cause instanceof java.io.IOException && cause.getMessage() != null ? " " + cause.getMessage() : ""));
        }
    }

    private static String json(Object value) {
        try {
            return HttpJson.JSON.writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }

    /** A KV v2 secret: its data as text and its version. */
    record Secret(Map<String, String> data, int version) {

        /** Names the fields only: the data holds a private key. */
        @Override
        public String toString() {
            return "Secret[" + data.keySet() + ", version " + version + "]";
        }
    }

    /** A write whose check-and-set version was not the current one. */
    private static final class CasMismatch extends RuntimeException {
        CasMismatch() {
            super(null, null, false, false);
        }
    }

    /** A 404 from Vault, which reading and the callers treat as "absent". */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
