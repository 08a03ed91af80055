package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.testsupport.okta.OktaAdminStandIn;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/** keys generate --transit and keys rotate (Transit and KV) against the Vault (Transit) and Okta admin stand-ins. */
class RotationCommandsTest {

    @Test
    void generateCreatesANonExportableKeyAndRotateRegistersEachNewVersionOnce() throws Exception {
        try (VaultStandIn vault = VaultStandIn.start(Clock.systemUTC()); OktaAdminStandIn okta = new OktaAdminStandIn()) {
            Map<String, String> env = new HashMap<>(Map.of("QUARKUS_VAULT_URL", vault.url(), "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken(),
                    "BROKER_OKTA_DOMAIN", okta.domain(), "OKTA_API_TOKEN", okta.apiToken()));

            CliRun generated = CliRun.of(env, "keys", "generate", "--transit", "broker-key", "--alg", "ES256");
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            PublicJsonWebKey v1 = (PublicJsonWebKey) new JsonWebKeySet(generated.out().strip()).getJsonWebKeys().get(0);
            assertThat(v1.getPublicKey()).isEqualTo(vault.transitPublicKey("broker-key", 1));
            assertThat(v1.getKeyId()).isEqualTo(Thumbprints.of(v1.getPublicKey()));
            assertThat(v1.getAlgorithm()).isEqualTo("ES256");

            java.nio.file.Path jwks = java.nio.file.Files.createTempFile("v1", ".json");
            java.nio.file.Files.writeString(jwks, generated.out());
            String clientId = CliRun.of(env, "okta", "create-app", "--name", "transit-app", "--jwks", jwks.toString()).out().strip();

            CliRun rotated = CliRun.of(env, "keys", "rotate", "--transit", "broker-key", "--client-id", clientId, "--alg", "ES256");
            assertThat(rotated.exitCode()).as(rotated.err()).isZero();
            String v2Kid = Thumbprints.of(vault.transitPublicKey("broker-key", 2));
            assertThat(rotated.out()).contains("v2").contains(v2Kid).contains("deactivate-key");
            List<String> kids = okta.apps().get(clientId).keys().stream().map(k -> (String) k.get("kid")).toList();
            assertThat(kids).containsExactly(v1.getKeyId(), v2Kid);

            CliRun again = CliRun.of(env, "keys", "rotate", "--transit", "broker-key", "--client-id", clientId, "--alg", "ES256", "--register-only");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("already registered");
            assertThat(okta.apps().get(clientId).keys()).hasSize(2);
            assertThat(generated.out() + rotated.out() + rotated.err()).doesNotContain(vault.rootToken()).doesNotContain(okta.apiToken());
        }
    }

    @Test
    void kvRotationStagesRegistersAndSwitchesAndIsSafeToReRun() throws Exception {
        try (VaultStandIn vault = VaultStandIn.start(Clock.systemUTC()); OktaAdminStandIn okta = new OktaAdminStandIn()) {
            Map<String, String> env = new HashMap<>(Map.of("QUARKUS_VAULT_URL", vault.url(), "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken(),
                    "BROKER_OKTA_DOMAIN", okta.domain(), "OKTA_API_TOKEN", okta.apiToken()));
            CliRun first = CliRun.of(env, "keys", "generate", "--vault-path", "token-broker/okta", "--kid", "old");
            java.nio.file.Path jwks = java.nio.file.Files.createTempFile("old", ".json");
            java.nio.file.Files.writeString(jwks, first.out());
            String clientId = CliRun.of(env, "okta", "create-app", "--name", "kv-app", "--jwks", jwks.toString()).out().strip();
            vault.putSecret("token-broker/okta", new HashMap<>(Map.of("private_key", vault.secret("token-broker/okta").orElseThrow().get("private_key"),
                    "kid", "old", "client_id", clientId)));

            CliRun rotated = CliRun.of(env, "keys", "rotate", "--vault-path", "token-broker/okta", "--client-id", clientId);
            assertThat(rotated.exitCode()).as(rotated.err()).isZero();
            var now = vault.secret("token-broker/okta").orElseThrow();
            String newKid = now.get("kid");
            assertThat(newKid).isNotEqualTo("old");
            assertThat(now).containsEntry("client_id", clientId);
            assertThat(vault.secret("token-broker/okta-next").orElseThrow()).containsEntry("kid", newKid);
            assertThat(okta.apps().get(clientId).keys()).extracting(k -> k.get("kid")).containsExactly("old", newKid);
            assertThat(rotated.out()).contains("--kid old");

            CliRun again = CliRun.of(env, "keys", "rotate", "--vault-path", "token-broker/okta", "--client-id", clientId);
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("already staged").contains("already registered").contains("already holds");
            assertThat(vault.secret("token-broker/okta").orElseThrow()).containsEntry("kid", newKid);
            assertThat(okta.apps().get(clientId).keys()).hasSize(2);
            assertThat(rotated.out() + rotated.err()).doesNotContain("PRIVATE KEY");
        }
    }
}
