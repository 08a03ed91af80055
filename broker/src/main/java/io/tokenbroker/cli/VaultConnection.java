package io.tokenbroker.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.auth.VaultAppRoleAuthOptions;
import io.quarkus.vault.client.auth.VaultKubernetesAuthOptions;
import io.quarkus.vault.client.auth.VaultUserPassAuthOptions;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;
import io.quarkus.vault.runtime.config.VaultAuthenticationConfig;
import io.quarkus.vault.runtime.config.VaultAuthenticationType;
import io.quarkus.vault.runtime.config.VaultRuntimeConfig;

/**
 * Where the setup commands find Vault and how they log in. The broker's own {@code quarkus.vault.*}
 * keys come first, so a command sees the Vault the broker sees; then what every Vault tool reads
 * ({@code VAULT_ADDR}, {@code VAULT_TOKEN}, {@code VAULT_NAMESPACE}, the {@code ~/.vault-token} that
 * {@code vault login} writes), so that a shell that works for {@code vault kv get} works here too.
 * The environment and the home directory are given, never read from the process here: tests pass fakes.
 */
final class VaultConnection {

    /** How the commands log in to Vault, in the order they are tried. */
    enum Login {
        CONFIGURED_TOKEN,
        KUBERNETES,
        APPROLE,
        USERPASS,
        VAULT_TOKEN,
        TOKEN_FILE
    }

    private final VaultRuntimeConfig vault;
    private final Map<String, String> environment;
    private final Optional<Path> home;

    /** @param home the user's home directory, where {@code .vault-token} is looked for; empty: none */
    VaultConnection(VaultRuntimeConfig vault, Map<String, String> environment, Optional<Path> home) {
        this.vault = vault;
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    static VaultConnection of(CliConfig config) {
        return new VaultConnection(config.vault(), config.environment(), config.home());
    }

    /** quarkus.vault.url, else VAULT_ADDR; https, or plain http to a loopback host only. */
    URL address() {
        if (vault.url().isPresent()) {
            return checked(vault.url().get().toString(), "quarkus.vault.url");
        }
        return variable("VAULT_ADDR").map(address -> checked(address, "VAULT_ADDR"))
                .orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                        "the Vault address is not set: set quarkus.vault.url (QUARKUS_VAULT_URL) or VAULT_ADDR"));
    }

    /** quarkus.vault.enterprise.namespace, else VAULT_NAMESPACE; sent as X-Vault-Namespace. */
    Optional<String> namespace() {
        return vault.enterprise().namespace().filter(n -> !n.isBlank()).or(() -> variable("VAULT_NAMESPACE"));
    }

    /**
     * The login the commands use: the extension's own choice and order (a configured token, else the
     * method {@link VaultRuntimeConfig#getAuthenticationType()} names), then VAULT_TOKEN, then the token file.
     */
    Login login() {
        VaultAuthenticationConfig auth = vault.authentication();
        if (auth.clientToken().filter(t -> !t.isBlank()).isPresent()) {
            return Login.CONFIGURED_TOKEN;
        }
        VaultAuthenticationType type = vault.getAuthenticationType();
        if (type == VaultAuthenticationType.KUBERNETES) {
            return Login.KUBERNETES;
        }
        if (type == VaultAuthenticationType.APPROLE) {
            return Login.APPROLE;
        }
        if (type == VaultAuthenticationType.USERPASS && auth.userpass().password().isPresent()) {
            return Login.USERPASS;
        }
        if (variable("VAULT_TOKEN").isPresent()) {
            return Login.VAULT_TOKEN;
        }
        if (tokenFile().isPresent()) {
            return Login.TOKEN_FILE;
        }
        throw new CliException(CliException.CONFIGURATION, "no Vault authentication: set"
                + " quarkus.vault.authentication.client-token (QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN),"
                + " quarkus.vault.authentication.kubernetes.role, or quarkus.vault.authentication.app-role.role-id"
                + " with secret-id; or VAULT_TOKEN, or log in with vault login (~/.vault-token)");
    }

    VaultClient client() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(vault.connectTimeout()).build();
        VaultClient.Builder builder = VaultClient.builder().executor(new JDKVaultHttpClient(http)).baseUrl(address())
                .requestTimeout(vault.readTimeout());
        namespace().ifPresent(builder::namespace);
        VaultAuthenticationConfig auth = vault.authentication();
        switch (login()) {
            case CONFIGURED_TOKEN -> builder.clientToken(auth.clientToken().get());
            case KUBERNETES -> {
                var kubernetes = auth.kubernetes();
                builder.kubernetes(VaultKubernetesAuthOptions.builder().mountPath(kubernetes.authMountPath())
                        .role(kubernetes.role().get()).jwtTokenPath(Path.of(kubernetes.jwtTokenPath())).build());
            }
            case APPROLE -> {
                var appRole = auth.appRole();
                VaultAppRoleAuthOptions.Builder options = VaultAppRoleAuthOptions.builder().mountPath(appRole.authMountPath())
                        .roleId(appRole.roleId().get());
                appRole.secretId().ifPresentOrElse(options::secretId,
                        () -> options.unwrappingSecretId(appRole.secretIdWrappingToken().get()));
                builder.appRole(options.build());
            }
            case USERPASS -> {
                var userpass = auth.userpass();
                builder.userPass(VaultUserPassAuthOptions.builder().mountPath(userpass.authMountPath())
                        .username(userpass.username().get()).password(userpass.password().get()).build());
            }
            case VAULT_TOKEN -> builder.clientToken(variable("VAULT_TOKEN").get());
            case TOKEN_FILE -> builder.clientToken(tokenFile().get());
        }
        return builder.build();
    }

    /** The token {@code vault login} left in ~/.vault-token; its content never appears in a message. */
    private Optional<String> tokenFile() {
        Optional<Path> file = home.map(h -> h.resolve(".vault-token")).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty());
        } catch (IOException e) {
            throw new CliException(CliException.CONFIGURATION, "cannot read the Vault token file " + file.get() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static URL checked(String address, String setting) {
        try {
            return SafeUrls.secure(address, "the Vault address (" + setting + ")").toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new CliException(CliException.CONFIGURATION, "the Vault address (" + setting + ") is not a valid URL");
        }
    }
}
