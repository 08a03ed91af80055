package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Map;
import java.util.Optional;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tokenbroker.key.KeyAlgorithms;
import io.tokenbroker.key.KeyPairMaterial;
import io.tokenbroker.key.PrivateKeyParser;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.testsupport.vault.VaultStandIn;

class KeysGenerateTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "RS256, 2048", "RS384, 3072", "RS512, 4096", "ES256, ", "ES384, ", "ES512, " })
    void everyWrittenFormatLoadsInTheBrokerAndVerifiesWithThePublishedJwks(String alg, Integer bits) throws Exception {
        Path out = tmp.resolve("keys");
        String[] args = bits == null ? new String[] { "keys", "generate", "--out", out.toString(), "--alg", alg }
                : new String[] { "keys", "generate", "--out", out.toString(), "--alg", alg, "--bits", bits.toString() };
        CliRun run = CliRun.of(Map.of("TOKEN_BROKER_KEY_PASSWORD", "pw-from-env"), args);
        assertThat(run.exitCode()).as(run.err()).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
        try (var files = Files.list(out)) {
            files.forEach(f -> {
                try {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        String jwksJson = Files.readString(out.resolve("public.jwks.json"));
        assertThat(jwksJson).doesNotContain("\"d\"").doesNotContain("+").doesNotContain("=");
        PublicJsonWebKey published = (PublicJsonWebKey) new JsonWebKeySet(jwksJson).getJsonWebKeys().get(0);
        assertThat(published.getAlgorithm()).isEqualTo(alg);
        assertThat(published.getUse()).isEqualTo("sig");
        assertThat(published.getKeyId()).isEqualTo(Thumbprints.of(published.getPublicKey()));

        Map<String, Optional<char[]>> formats = new java.util.LinkedHashMap<>();
        formats.put("private.jwk.json", Optional.empty());
        formats.put("private.pkcs8.pem", Optional.empty());
        formats.put("private.encrypted.pem", Optional.of("pw-from-env".toCharArray()));
        if (alg.startsWith("RS")) {
            formats.put("private.pkcs1.pem", Optional.empty());
            assertThat(Files.readString(out.resolve("private.pkcs1.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        } else {
            assertThat(out.resolve("private.pkcs1.pem")).doesNotExist();
        }
        for (var format : formats.entrySet()) {
            KeyPairMaterial material = PrivateKeyParser.parse(Files.readString(out.resolve(format.getKey())), format.getValue(), format.getKey());
            assertThat(material.publicKey()).as(format.getKey()).isEqualTo(published.getPublicKey());
            String jca = alg.startsWith("RS") ? "SHA256withRSA" : "SHA256withECDSA";
            Signature signer = Signature.getInstance(jca);
            signer.initSign(material.privateKey());
            signer.update("payload".getBytes());
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(published.getPublicKey());
            verifier.update("payload".getBytes());
            assertThat(verifier.verify(signer.sign())).as(format.getKey()).isTrue();
            assertThat(KeyAlgorithms.resolve(material.publicKey(), Optional.of(alg), format.getKey())).isEqualTo(alg);
        }
        assertThat(run.out()).contains(published.getKeyId()).doesNotContain("PRIVATE");
    }

    @Test
    void existingFilesAreNeverOverwrittenWithoutForce() throws Exception {
        Path out = tmp.resolve("k");
        assertThat(CliRun.of(Map.of(), "keys", "generate", "--out", out.toString(), "--alg", "ES256", "--kid", "one").exitCode()).isZero();
        String before = Files.readString(out.resolve("private.pkcs8.pem"));
        CliRun again = CliRun.of(Map.of(), "keys", "generate", "--out", out.toString(), "--alg", "ES256", "--kid", "two");
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err()).contains("--force");
        assertThat(Files.readString(out.resolve("private.pkcs8.pem"))).isEqualTo(before);
        assertThat(CliRun.of(Map.of(), "keys", "generate", "--out", out.toString(), "--alg", "ES256", "--kid", "two", "--force").exitCode()).isZero();
        assertThat(Files.readString(out.resolve("public.jwks.json"))).contains("\"kid\":\"two\"");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliRun.of(Map.of(), "keys", "generate", "--out", tmp.toString(), "--alg", "HS256").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(Map.of(), "keys", "generate", "--out", tmp.toString(), "--bits", "1024").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(Map.of(), "keys", "generate").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(Map.of(), "keys", "generate", "--nope").exitCode()).isEqualTo(2);
        CliRun help = CliRun.of(Map.of(), "keys", "generate", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--vault-path").contains("--kid");
    }

    @Test
    void vaultPathWritesTheKeyIntoVaultAndPrintsOnlyThePublicJwks() throws Exception {
        try (VaultStandIn vault = VaultStandIn.start(java.time.Clock.systemUTC())) {
            Path workDir = Files.createDirectory(tmp.resolve("cwd"));
            CliRun run = CliRun.of(Map.of("QUARKUS_VAULT_URL", vault.url(), "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken()),
                    "keys", "generate", "--vault-path", "token-broker/okta", "--alg", "ES384", "--client-id", "0oa-new");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var secret = vault.secret("token-broker/okta").orElseThrow();
            assertThat(secret).containsKeys("private_key", "kid").containsEntry("client_id", "0oa-new");
            PublicJsonWebKey published = (PublicJsonWebKey) new JsonWebKeySet(run.out().strip()).getJsonWebKeys().get(0);
            assertThat(published.getKeyId()).isEqualTo(secret.get("kid"));
            assertThat(PrivateKeyParser.parse(secret.get("private_key"), Optional.empty(), "vault").publicKey())
                    .isEqualTo(published.getPublicKey());
            assertThat(run.out() + run.err()).doesNotContain("PRIVATE KEY").doesNotContain("\"d\"").doesNotContain(vault.rootToken());
            try (var files = Files.list(workDir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void aKeyAlreadyInVaultIsNeverReplacedWithoutForce() throws Exception {
        try (VaultStandIn vault = VaultStandIn.start(java.time.Clock.systemUTC())) {
            Map<String, String> env = Map.of("QUARKUS_VAULT_URL", vault.url(), "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken());
            CliRun first = CliRun.of(env, "keys", "generate", "--vault-path", "token-broker/okta", "--alg", "ES256", "--client-id", "0oa1");
            assertThat(first.exitCode()).as(first.err()).isZero();
            Map<String, String> live = vault.secret("token-broker/okta").orElseThrow();

            CliRun again = CliRun.of(env, "keys", "generate", "--vault-path", "token-broker/okta", "--alg", "ES256");
            assertThat(again.exitCode()).isEqualTo(4);
            assertThat(again.err()).contains("refused to overwrite").contains("secret/token-broker/okta").contains("--force")
                    .contains(live.get("kid"));
            assertThat(again.out()).isEmpty();
            assertThat(vault.secret("token-broker/okta").orElseThrow()).isEqualTo(live);
            assertThat(vault.count("POST", "/v1/secret/data/token-broker/okta")).isEqualTo(1);

            CliRun forced = CliRun.of(env, "keys", "generate", "--vault-path", "token-broker/okta", "--alg", "ES256", "--force");
            assertThat(forced.exitCode()).as(forced.err()).isZero();
            Map<String, String> replaced = vault.secret("token-broker/okta").orElseThrow();
            assertThat(replaced.get("kid")).isNotEqualTo(live.get("kid"));
            assertThat(replaced).containsEntry("client_id", "0oa1");
        }
    }

    @Test
    void aSecretWithoutAKeyYetGetsTheKeyBesideItsFields() throws Exception {
        try (VaultStandIn vault = VaultStandIn.start(java.time.Clock.systemUTC())) {
            vault.putSecret("token-broker/okta", Map.of("client_id", "0oa-first"));
            CliRun run = CliRun.of(Map.of("QUARKUS_VAULT_URL", vault.url(), "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken()),
                    "keys", "generate", "--vault-path", "token-broker/okta", "--alg", "ES256");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(vault.secret("token-broker/okta").orElseThrow()).containsEntry("client_id", "0oa-first").containsKeys("private_key", "kid");
        }
    }

    @Test
    void withoutVaultSettingsTheCommandSaysWhatIsMissing() {
        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--vault-path", "token-broker/okta");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("QUARKUS_VAULT_URL");
    }
}
