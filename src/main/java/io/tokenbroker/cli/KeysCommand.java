package io.tokenbroker.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keys generate}: a new key pair for Okta's private_key_jwt, to files or straight into Vault. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Signing keys.",
        subcommands = { KeysCommand.Generate.class, KeysCommand.Rotate.class })
public class KeysCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = { "Generates a key pair. Writes public.jwks.json (for Okta), private.jwk.json, private.pkcs8.pem,",
                    "private.pkcs1.pem (RSA, for Terraform's okta provider) and public.pem, files 0600 in a 0700 directory;",
                    "with TOKEN_BROKER_KEY_PASSWORD set also private.encrypted.pem (PBES2, AES-256).",
                    "With --vault-path the private key and kid go into Vault KV instead and only the public JWKS is printed." })
    static class Generate implements Callable<Integer> {

        private final Environment env;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", description = "Directory for the key files.")
        Path out;

        @Option(names = "--vault-path", description = "KV v2 path (e.g. token-broker/okta) to write private_key and kid to; nothing private touches the disk.")
        String vaultPath;

        @Option(names = "--transit", description = "Create a non-exportable Vault Transit key with this name instead and print its public JWKS.")
        String transitKey;

        @Option(names = "--alg", defaultValue = "RS256", description = "RS256, RS384, RS512, ES256, ES384 or ES512 (default ${DEFAULT-VALUE}).")
        String algorithm;

        @Option(names = "--bits", description = "RSA modulus size: 2048 (default), 3072 or 4096.")
        Integer bits;

        @Option(names = "--kid", description = "Key id; default: the RFC 7638 thumbprint of the public key.")
        String kid;

        @Option(names = "--client-id", description = "With --vault-path: also store client_id next to the key.")
        String clientId;

        @Option(names = "--force", description = "Overwrite existing files.")
        boolean force;

        Generate(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            int targets = (out == null ? 0 : 1) + (vaultPath == null ? 0 : 1) + (transitKey == null ? 0 : 1);
            if (targets != 1) {
                throw new IllegalArgumentException("give exactly one of --out DIR, --vault-path PATH or --transit NAME");
            }
            if (transitKey != null) {
                VaultKv vault = new VaultKv(env);
                vault.createTransitKey(transitKey, TransitKeys.type(algorithm, bits));
                var latest = vault.latestTransitPublicKey(transitKey);
                spec.commandLine().getErr().println("Transit key " + transitKey + " v" + latest.getKey() + " (not exportable) in Vault");
                spec.commandLine().getOut().println(TransitKeys.jwks(latest.getValue(), algorithm, kid));
                return 0;
            }
            GeneratedKey key = GeneratedKey.generate(algorithm, bits, kid);
            if (vaultPath != null) {
                VaultKv vault = new VaultKv(env);
                Map<String, String> secret = new LinkedHashMap<>(vault.read(vaultPath).orElse(Map.of()));
                secret.put("private_key", key.pkcs8Pem());
                secret.put("kid", key.kid());
                if (clientId != null) {
                    secret.put("client_id", clientId);
                }
                vault.write(vaultPath, secret);
                spec.commandLine().getErr().println("private key and kid " + key.kid() + " written to Vault " + vault.describe(vaultPath));
                spec.commandLine().getOut().println(key.publicJwks());
                return 0;
            }
            Map<String, String> files = new LinkedHashMap<>();
            files.put("public.jwks.json", key.publicJwks() + "\n");
            files.put("private.jwk.json", key.privateJwk() + "\n");
            files.put("private.pkcs8.pem", key.pkcs8Pem());
            if (key.rsa()) {
                files.put("private.pkcs1.pem", key.pkcs1Pem());
            }
            files.put("public.pem", key.publicPem());
            env.first("TOKEN_BROKER_KEY_PASSWORD").ifPresent(password ->
                    files.put("private.encrypted.pem", key.encryptedPkcs8Pem(password.toCharArray())));
            SecretFiles.writeAll(out, files, force);
            spec.commandLine().getOut().println("kid " + key.kid() + " (" + key.algorithm() + "): wrote " + String.join(", ", files.keySet())
                    + " to " + out);
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = { "Rotates a Transit key and registers the new version's public key in Okta by kid (RFC 7638 thumbprint).",
                    "Brokers switch to the new version after broker.key.transit.activation-delay, at their next key re-read;",
                    "then deactivate the old kid with okta deactivate-key after the longest token lifetime.",
                    "--register-only re-runs only the Okta step (safe: an already registered kid is skipped)." })
    static class Rotate implements Callable<Integer> {

        private final Environment env;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--transit", required = true, description = "Transit key name.")
        String transitKey;

        @Option(names = "--client-id", required = true, description = "The Okta service app.")
        String clientId;

        @Option(names = "--alg", defaultValue = "RS256", description = "The key's JWS algorithm (default ${DEFAULT-VALUE}).")
        String algorithm;

        @Option(names = "--register-only", description = "Do not create a new version; register the latest one in Okta.")
        boolean registerOnly;

        @Option(names = "--domain", description = "Okta org URL; default: BROKER_OKTA_DOMAIN.")
        String domain;

        Rotate(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            VaultKv vault = new VaultKv(env);
            OktaAdmin okta = new OktaAdmin(domain != null ? domain : env.require("the Okta domain (--domain)", "BROKER_OKTA_DOMAIN"),
                    env.require("the Okta admin API token", "OKTA_API_TOKEN"));
            if (!registerOnly) {
                vault.rotateTransitKey(transitKey);
            }
            var latest = vault.latestTransitPublicKey(transitKey);
            var jwks = HttpJson.JSON.readTree(TransitKeys.jwks(latest.getValue(), algorithm, null));
            var jwk = jwks.path("keys").get(0);
            String kid = jwk.path("kid").asText();
            boolean registered = okta.listKeys(clientId).stream().anyMatch(k -> kid.equals(k.kid()));
            if (!registered) {
                okta.addKey(clientId, jwk);
            }
            var out = spec.commandLine().getOut();
            out.println("Transit key " + transitKey + " v" + latest.getKey() + " kid " + kid
                    + (registered ? " was already registered" : " registered") + " on " + clientId);
            out.println("next: brokers switch after broker.key.transit.activation-delay at their next key re-read;"
                    + " after the longest token lifetime: token-broker okta deactivate-key --client-id " + clientId + " --kid <old kid>");
            return 0;
        }
    }
}
