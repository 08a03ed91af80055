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

        private final CliConfig config;

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

        Generate(CliConfig config) {
            this.config = config;
        }

        @Override
        public Integer call() {
            int targets = (out == null ? 0 : 1) + (vaultPath == null ? 0 : 1) + (transitKey == null ? 0 : 1);
            if (targets != 1) {
                throw new IllegalArgumentException("give exactly one of --out DIR, --vault-path PATH or --transit NAME");
            }
            if (transitKey != null) {
                VaultAccess vault = VaultAccess.from(config);
                vault.createTransitKey(transitKey, TransitKeys.type(algorithm, bits));
                var latest = vault.latestTransitPublicKey(transitKey);
                spec.commandLine().getErr().println("Transit key " + transitKey + " v" + latest.getKey() + " (not exportable) in Vault");
                spec.commandLine().getOut().println(TransitKeys.jwks(latest.getValue(), algorithm, kid));
                return 0;
            }
            GeneratedKey key = GeneratedKey.generate(algorithm, bits, kid);
            if (vaultPath != null) {
                VaultAccess vault = VaultAccess.from(config);
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
            config.variable("TOKEN_BROKER_KEY_PASSWORD").ifPresent(password ->
                    files.put("private.encrypted.pem", key.encryptedPkcs8Pem(password.toCharArray())));
            SecretFiles.writeAll(out, files, force);
            spec.commandLine().getOut().println("kid " + key.kid() + " (" + key.algorithm() + "): wrote " + String.join(", ", files.keySet())
                    + " to " + out);
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = { "Walks a zero-downtime key rotation; every step is safe to re-run.",
                    "--transit NAME: new Transit version, its public key registered in Okta by kid (RFC 7638 thumbprint);",
                    "  brokers switch after broker.key.transit.activation-delay at their next key re-read.",
                    "--vault-path P: new key staged at P-next, registered in Okta, then copied to P (client_id kept);",
                    "  brokers pick it up at their next key re-read (broker.vault.refresh-interval).",
                    "Then, after the longest token lifetime: okta deactivate-key --kid <old kid> (printed).",
                    "--register-only (transit): re-run only the Okta step." })
    static class Rotate implements Callable<Integer> {

        private final CliConfig config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--transit", description = "Transit key name.")
        String transitKey;

        @Option(names = "--vault-path", description = "KV v2 path the brokers read (e.g. token-broker/okta).")
        String vaultPath;

        @Option(names = "--bits", description = "RSA size of a new KV key: 2048 (default), 3072 or 4096.")
        Integer bits;

        @Option(names = "--client-id", required = true, description = "The Okta service app.")
        String clientId;

        @Option(names = "--alg", defaultValue = "RS256", description = "The key's JWS algorithm (default ${DEFAULT-VALUE}).")
        String algorithm;

        @Option(names = "--register-only", description = "Do not create a new version; register the latest one in Okta.")
        boolean registerOnly;

        @Option(names = "--domain", description = "Okta org URL; default: broker.okta.domain (BROKER_OKTA_DOMAIN).")
        String domain;

        Rotate(CliConfig config) {
            this.config = config;
        }

        @Override
        public Integer call() throws Exception {
            if ((transitKey == null) == (vaultPath == null)) {
                throw new IllegalArgumentException("give exactly one of --transit NAME or --vault-path PATH");
            }
            VaultAccess vault = VaultAccess.from(config);
            OktaAdmin okta = new OktaAdmin(config.oktaDomain(domain), config.variable("OKTA_API_TOKEN").orElseThrow(
                    () -> new CliException(CliException.CONFIGURATION, "the Okta admin API token is not set: export OKTA_API_TOKEN")));
            if (vaultPath != null) {
                return rotateKv(vault, okta);
            }
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

        private int rotateKv(VaultAccess vault, OktaAdmin okta) throws Exception {
            String staged = vaultPath + "-next";
            var out = spec.commandLine().getOut();
            java.util.Map<String, String> current = vault.read(vaultPath).orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                    "no key at " + vault.describe(vaultPath) + ": use keys generate --vault-path first"));
            String oldKid = current.getOrDefault("kid", "?");
            // 1. stage a new key (kept on re-runs)
            java.util.Map<String, String> next = vault.read(staged).filter(m -> m.containsKey("private_key")).orElse(null);
            if (next == null) {
                GeneratedKey key = GeneratedKey.generate(algorithm, bits, null);
                next = java.util.Map.of("private_key", key.pkcs8Pem(), "kid", key.kid());
                vault.write(staged, next);
                out.println("1. new key " + key.kid() + " staged at " + vault.describe(staged));
            } else {
                out.println("1. new key " + next.get("kid") + " already staged at " + vault.describe(staged));
            }
            String newKid = next.get("kid");
            // 2. register its public half in Okta
            var material = io.tokenbroker.key.PrivateKeyParser.parse(next.get("private_key"), java.util.Optional.empty(), vault.describe(staged));
            GeneratedKey publicHalf = new GeneratedKey(new java.security.KeyPair(material.publicKey(), material.privateKey()),
                    io.tokenbroker.key.KeyAlgorithms.resolve(material.publicKey(), java.util.Optional.of(algorithm), staged), newKid);
            if (okta.listKeys(clientId).stream().noneMatch(k -> newKid.equals(k.kid()))) {
                okta.addKey(clientId, HttpJson.JSON.readTree(publicHalf.publicJwks()).path("keys").get(0));
                out.println("2. " + newKid + " registered on " + clientId);
            } else {
                out.println("2. " + newKid + " already registered on " + clientId);
            }
            // 3. switch the brokers: the path they read gets the new key, client_id kept
            if (!newKid.equals(current.get("kid"))) {
                java.util.Map<String, String> switched = new java.util.LinkedHashMap<>(current);
                switched.put("private_key", next.get("private_key"));
                switched.put("kid", newKid);
                vault.write(vaultPath, switched);
                out.println("3. " + vault.describe(vaultPath) + " now holds " + newKid + " (was " + oldKid + ");"
                        + " brokers pick it up at their next key re-read");
            } else {
                out.println("3. " + vault.describe(vaultPath) + " already holds " + newKid);
            }
            out.println("4. after the longest token lifetime: token-broker okta deactivate-key --client-id " + clientId
                    + " --kid " + (newKid.equals(current.get("kid")) ? "<old kid>" : oldKid));
            return 0;
        }
    }
}
