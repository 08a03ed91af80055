package io.tokenbroker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tokenbroker.key.KeyAlgorithms;
import io.tokenbroker.key.PrivateKeyParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code okta create-app | grant | add-key | list-keys | deactivate-key}: the Okta side of the setup
 * and of a zero-downtime key rotation. The admin API token comes from OKTA_API_TOKEN or
 * --api-token-file, never from an argument, and is never printed.
 */
@Command(name = "okta", mixinStandardHelpOptions = true, description = "Okta service app setup and key rotation.")
public class OktaCommand {

    private final CliConfig config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--domain", scope = CommandLine.ScopeType.INHERIT, description = "Okta org URL; default: broker.okta.domain (BROKER_OKTA_DOMAIN).")
    String domain;

    @Option(names = "--api-token-file", scope = CommandLine.ScopeType.INHERIT,
            description = "File holding the admin API token; default: the OKTA_API_TOKEN environment variable.")
    Path apiTokenFile;

    OktaCommand(CliConfig config) {
        this.config = config;
    }

    @Command(name = "create-app", mixinStandardHelpOptions = true,
            description = "Creates an API service app (client_credentials, private_key_jwt) with the public JWKS, grants the okta.* scopes, prints the client id.")
    int createApp(@Option(names = "--name", required = true) String name,
            @Option(names = "--scopes", split = ",", description = "Scopes to grant (okta.* scopes are granted through the app grants API).") List<String> scopes,
            @Option(names = "--jwks", description = "Public JWKS file (public.jwks.json of keys generate).") Path jwksFile,
            @Option(names = "--from-vault", description = "Use the public half of the key in Vault at broker.key.vault.path (BROKER_KEY_VAULT_PATH).") boolean fromVault,
            @Option(names = "--write-client-id", description = "With --from-vault: store the new client_id next to the key in Vault.") boolean writeClientId,
            @Option(names = "--require-dpop", description = "Require DPoP-bound tokens (dpop_bound_access_tokens; the broker's default broker.okta.dpop=auto follows).") boolean requireDpop) {
        JsonNode jwks = jwks(jwksFile, fromVault);
        OktaAdmin okta = admin();
        String clientId = okta.createServiceApp(name, jwks, requireDpop);
        out().println(clientId);
        grantAll(okta, clientId, scopes);
        if (writeClientId) {
            if (!fromVault) {
                throw new IllegalArgumentException("--write-client-id needs --from-vault");
            }
            VaultAccess vault = VaultAccess.from(config);
            // check-and-set on the version read: a rotation switching the key meanwhile is not undone
            VaultAccess.Secret current = vault.secret(vaultPath()).orElseThrow(() -> new CliException(CliException.OPERATION_FAILED,
                    "the key at " + vault.describe(vaultPath()) + " is gone: client_id not written"));
            Map<String, String> secret = new LinkedHashMap<>(current.data());
            secret.put("client_id", clientId);
            vault.write(vaultPath(), secret, current.version());
            err().println("client_id written to Vault " + vault.describe(vaultPath()));
        }
        return 0;
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grants okta.* scopes to the service app.")
    int grant(@Option(names = "--client-id", required = true) String clientId,
            @Option(names = "--scopes", split = ",", required = true) List<String> scopes) {
        grantAll(admin(), clientId, scopes);
        return 0;
    }

    @Command(name = "add-key", mixinStandardHelpOptions = true,
            description = "Registers another public key (by kid) on the service app: step 2 of a rotation.")
    int addKey(@Option(names = "--client-id", required = true) String clientId,
            @Option(names = "--jwks", description = "Public JWKS file.") Path jwksFile,
            @Option(names = "--from-vault", description = "The public half of the key in Vault.") boolean fromVault) {
        OktaAdmin okta = admin();
        for (JsonNode key : jwks(jwksFile, fromVault).path("keys")) {
            OktaAdmin.Key added = okta.addKey(clientId, key);
            out().println(added.id() + " " + added.kid() + " " + added.status());
        }
        return 0;
    }

    @Command(name = "list-keys", mixinStandardHelpOptions = true, description = "Lists the app's public keys: id, kid, status.")
    int listKeys(@Option(names = "--client-id", required = true) String clientId) {
        for (OktaAdmin.Key key : admin().listKeys(clientId)) {
            out().println(key.id() + " " + key.kid() + " " + key.status());
        }
        return 0;
    }

    @Command(name = "deactivate-key", mixinStandardHelpOptions = true,
            description = "Deactivates a public key by kid: the last step of a rotation, after the longest token lifetime.")
    int deactivateKey(@Option(names = "--client-id", required = true) String clientId,
            @Option(names = "--kid", required = true) String kid) {
        OktaAdmin okta = admin();
        OktaAdmin.Key key = okta.listKeys(clientId).stream().filter(k -> kid.equals(k.kid())).findFirst()
                .orElseThrow(() -> new CliException(CliException.OPERATION_FAILED, "no key with kid " + kid + " on app " + clientId));
        if ("INACTIVE".equals(key.status())) {
            err().println("kid " + kid + " is already inactive");
            return 0;
        }
        okta.deactivateKey(clientId, key.id());
        out().println(key.id() + " " + kid + " INACTIVE");
        return 0;
    }

    private void grantAll(OktaAdmin okta, String clientId, List<String> scopes) {
        for (String scope : scopes == null ? List.<String> of() : scopes) {
            if (scope.startsWith("okta.")) {
                okta.grant(clientId, scope.strip());
                err().println("granted " + scope.strip());
            } else {
                err().println("not granted through the app grants API (not an okta.* scope): " + scope
                        + "; allow it in your custom authorization server's access policy");
            }
        }
    }

    private JsonNode jwks(Path jwksFile, boolean fromVault) {
        if ((jwksFile == null) == !fromVault) {
            throw new IllegalArgumentException("give exactly one of --jwks FILE or --from-vault");
        }
        if (fromVault) {
            Map<String, String> secret = VaultAccess.from(config).read(vaultPath())
                    .orElseThrow(() -> new CliException(CliException.CONFIGURATION, "no key in Vault at " + vaultPath()));
            var material = PrivateKeyParser.parse(secret.get("private_key"), java.util.Optional.empty(), "vault " + vaultPath());
            GeneratedKey key = new GeneratedKey(new java.security.KeyPair(material.publicKey(), material.privateKey()),
                    KeyAlgorithms.resolve(material.publicKey(), java.util.Optional.empty(), "vault " + vaultPath()),
                    secret.getOrDefault("kid", io.tokenbroker.key.Thumbprints.of(material.publicKey())));
            return read(key.publicJwks(), "the key in Vault");
        }
        try {
            JsonNode jwks = read(Files.readString(jwksFile), jwksFile.toString());
            if (!jwks.path("keys").isArray() || jwks.path("keys").isEmpty()) {
                throw new CliException(CliException.CONFIGURATION, jwksFile + " is not a JWKS ({\"keys\":[...]})");
            }
            for (JsonNode key : jwks.path("keys")) {
                if (key.has("d") || key.has("p")) {
                    throw new CliException(CliException.CONFIGURATION, jwksFile + " holds a private key: give the public JWKS");
                }
                if (!key.hasNonNull("kid")) {
                    throw new CliException(CliException.CONFIGURATION, jwksFile + ": every key needs a kid");
                }
            }
            return jwks;
        } catch (IOException e) {
            throw new CliException(CliException.CONFIGURATION, "cannot read " + jwksFile + ": " + e.getMessage());
        }
    }

    private static JsonNode read(String json, String what) {
        try {
            return HttpJson.JSON.readTree(json);
        } catch (IOException e) {
            throw new CliException(CliException.CONFIGURATION, what + " is not JSON");
        }
    }

    private String vaultPath() {
        return config.broker().key().vault().path();
    }

    private OktaAdmin admin() {
        String org = config.oktaDomain(domain);
        String token;
        if (apiTokenFile != null) {
            try {
                token = Files.readString(apiTokenFile).strip();
            } catch (IOException e) {
                throw new CliException(CliException.CONFIGURATION, "cannot read the API token file " + apiTokenFile);
            }
        } else {
            token = config.variable("OKTA_API_TOKEN").orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                    "the Okta admin API token is not set: export OKTA_API_TOKEN or give --api-token-file"));
        }
        return new OktaAdmin(org, token);
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
