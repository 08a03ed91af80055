package io.tokenbroker.cli;

import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitCreateKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyInfo;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyType;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyVersion;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitRotateKeyParams;
import io.quarkus.vault.client.auth.VaultAppRoleAuthOptions;
import io.quarkus.vault.client.auth.VaultKubernetesAuthOptions;
import io.quarkus.vault.client.auth.VaultUserPassAuthOptions;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;
import io.quarkus.vault.runtime.config.VaultAuthenticationConfig;
import io.quarkus.vault.runtime.config.VaultAuthenticationType;
import io.quarkus.vault.runtime.config.VaultRuntimeConfig;

/**
 * Vault for the setup commands, through quarkus-vault's standalone client (JDK HTTP, no CDI) and the
 * broker's own {@code quarkus.vault.*} settings: url, token, Kubernetes, AppRole or userpass authentication,
 * namespace, timeouts, the KV and Transit mounts. The Vault token never appears in a message: Vault's
 * errors name the operation, the path, the status and Vault's own error list.
 */
final class VaultAccess {

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
        URL url = vault.url().orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                "the Vault address is not set: set quarkus.vault.url (QUARKUS_VAULT_URL)"));
        SafeUrls.secure(url.toString(), "the Vault address (quarkus.vault.url)");
        HttpClient http = HttpClient.newBuilder().connectTimeout(vault.connectTimeout()).build();
        VaultClient.Builder builder = VaultClient.builder().executor(new JDKVaultHttpClient(http)).baseUrl(url)
                .requestTimeout(vault.readTimeout());
        vault.enterprise().namespace().ifPresent(builder::namespace);
        authenticate(builder, vault);
        return new VaultAccess(builder.build(), SafeUrls.path(vault.kvSecretEngineMountPath(), "the KV mount"),
                SafeUrls.path(vault.transitSecretEngineMountPath(), "the Transit mount"));
    }

    /**
     * The extension's own choice and order: a token when one is configured, else the method
     * {@link VaultRuntimeConfig#getAuthenticationType()} names (Kubernetes, then AppRole, then userpass).
     */
    private static void authenticate(VaultClient.Builder builder, VaultRuntimeConfig vault) {
        VaultAuthenticationConfig auth = vault.authentication();
        Optional<String> token = auth.clientToken().filter(t -> !t.isBlank());
        if (token.isPresent()) {
            builder.clientToken(token.get());
            return;
        }
        VaultAuthenticationType type = vault.getAuthenticationType();
        if (type == VaultAuthenticationType.KUBERNETES) {
            var kubernetes = auth.kubernetes();
            builder.kubernetes(VaultKubernetesAuthOptions.builder().mountPath(kubernetes.authMountPath())
                    .role(kubernetes.role().get()).jwtTokenPath(Path.of(kubernetes.jwtTokenPath())).build());
        } else if (type == VaultAuthenticationType.APPROLE) {
            var appRole = auth.appRole();
            VaultAppRoleAuthOptions.Builder options = VaultAppRoleAuthOptions.builder().mountPath(appRole.authMountPath())
                    .roleId(appRole.roleId().get());
            appRole.secretId().ifPresentOrElse(options::secretId,
                    () -> options.unwrappingSecretId(appRole.secretIdWrappingToken().get()));
            builder.appRole(options.build());
        } else if (type == VaultAuthenticationType.USERPASS && auth.userpass().password().isPresent()) {
            var userpass = auth.userpass();
            builder.userPass(VaultUserPassAuthOptions.builder().mountPath(userpass.authMountPath())
                    .username(userpass.username().get()).password(userpass.password().get()).build());
        } else {
            throw new CliException(CliException.CONFIGURATION, "no Vault authentication: set"
                    + " quarkus.vault.authentication.client-token (QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN),"
                    + " quarkus.vault.authentication.kubernetes.role, or quarkus.vault.authentication.app-role.role-id"
                    + " with secret-id");
        }
    }

    /** The KV v2 secret at {@code path}, its values as text; empty when there is none. */
    Optional<Map<String, String>> read(String path) {
        Map<String, Object> data;
        try {
            data = await(client.secrets().kv2(kvMount).readSecret(SafeUrls.path(path, "the Vault path")), "read", describe(path))
                    .getData();
        } catch (NotFound e) {
            return Optional.empty();
        }
        Map<String, String> text = new LinkedHashMap<>();
        data.forEach((name, value) -> text.put(name, value instanceof String s ? s : json(value)));
        return Optional.of(text);
    }

    void write(String path, Map<String, String> data) {
        await(client.secrets().kv2(kvMount).updateSecret(SafeUrls.path(path, "the Vault path"), null, new LinkedHashMap<>(data)),
                "write", describe(path));
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

    /** A 404 from Vault, which reading and the callers treat as "absent". */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
