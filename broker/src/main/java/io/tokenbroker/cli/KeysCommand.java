package io.tokenbroker.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
                    "private.pkcs1.pem (RSA, for Terraform's okta provider) and public.pem, files 0600 in a new 0700 directory",
                    "or an existing one of your own that others cannot write to (never a symbolic link);",
                    "with TOKEN_BROKER_KEY_PASSWORD set also private.encrypted.pem (PBES2, AES-256).",
                    "With --vault-path the private key and kid go into Vault KV instead and only the public JWKS is printed.",
                    "An existing key (files, at --vault-path, or the --transit key) is never replaced without --force (exit 4)." })
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

        @Option(names = "--force", description = "Replace existing key files, the key at --vault-path, or (a new version) the --transit key.")
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
                return generateTransit(VaultAccess.from(config));
            }
            GeneratedKey key = GeneratedKey.generate(algorithm, bits, kid);
            if (vaultPath != null) {
                return generateKv(VaultAccess.from(config), key);
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

        /**
         * An existing Transit key is never replaced without --force; with it, a new version (Transit
         * keys are replaced by rotation, never deleted here), which the brokers sign with after
         * broker.key.transit.activation-delay.
         */
        private int generateTransit(VaultAccess vault) {
            String type = TransitKeys.type(algorithm, bits); // a usage error before Vault is asked
            boolean exists = vault.transitKeyExists(transitKey);
            if (exists && !force) {
                throw new CliException(CliException.REFUSED, "refused to overwrite the Transit key " + transitKey
                        + " in Vault: it exists (keys rotate --transit " + transitKey + " for a new version registered in Okta,"
                        + " or --force for a new version without registering it)");
            }
            if (exists) {
                vault.rotateTransitKey(transitKey);
            } else {
                vault.createTransitKey(transitKey, type);
            }
            var latest = vault.latestTransitPublicKey(transitKey);
            spec.commandLine().getErr().println("Transit key " + transitKey + " v" + latest.getKey() + " (not exportable) in Vault"
                    + (exists ? ": a new version; register it in Okta before broker.key.transit.activation-delay has passed" : ""));
            spec.commandLine().getOut().println(TransitKeys.jwks(latest.getValue(), algorithm, kid));
            return 0;
        }

        /**
         * A key already at the path is never replaced without --force, and the write is check-and-set on
         * the version read just before it (0: none), so a secret written meanwhile is not clobbered
         * either. Other fields (client_id) are kept.
         */
        private int generateKv(VaultAccess vault, GeneratedKey key) {
            Optional<VaultAccess.Secret> existing = vault.secret(vaultPath);
            if (!force && existing.filter(s -> s.data().containsKey("private_key")).isPresent()) {
                throw new CliException(CliException.REFUSED, "refused to overwrite the key at " + vault.describe(vaultPath)
                        + " (kid " + existing.get().data().getOrDefault("kid", "?") + "): keys rotate --vault-path " + vaultPath
                        + " replaces it without downtime; --force replaces it now");
            }
            // a deleted secret reads as absent but still has versions: --force names the current one
            int version = existing.map(VaultAccess.Secret::version).orElseGet(() -> force ? vault.currentVersion(vaultPath) : 0);
            Map<String, String> secret = new LinkedHashMap<>(existing.map(VaultAccess.Secret::data).orElse(Map.of()));
            secret.put("private_key", key.pkcs8Pem());
            secret.put("kid", key.kid());
            if (clientId != null) {
                secret.put("client_id", clientId);
            }
            vault.write(vaultPath, secret, version);
            spec.commandLine().getErr().println("private key and kid " + key.kid() + " written to Vault " + vault.describe(vaultPath));
            spec.commandLine().getOut().println(key.publicJwks());
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = { "Walks a zero-downtime key rotation.",
                    "--transit NAME: new Transit version, its public key registered in Okta by kid (RFC 7638 thumbprint);",
                    "  brokers switch after broker.key.transit.activation-delay at their next key re-read.",
                    "--vault-path P: new key staged at P-next, registered in Okta, then copied to P (client_id kept) and the",
                    "  staged copy removed; brokers pick it up at their next key re-read (broker.vault.refresh-interval).",
                    "  Every run rotates; a run that stopped midway is finished by the next one instead.",
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
                new KvRotation(vault, okta, spec.commandLine().getOut()).rotate(vaultPath, clientId, algorithm, bits);
                return 0;
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
    }
}
