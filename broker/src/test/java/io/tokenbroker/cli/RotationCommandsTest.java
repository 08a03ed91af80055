package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.emulator.AdminApi;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/** keys generate --transit and keys rotate (Transit and KV) against the Vault (Transit) and Okta admin stand-ins. */
class RotationCommandsTest {

    private static final String LIVE = "token-broker/okta";
    private static final String STAGED = "token-broker/okta-next";

    private VaultStandIn vault;
    private OktaEmulator emulator;
    private AdminApi okta;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        vault = VaultStandIn.start(Clock.systemUTC());
        emulator = new OktaEmulator(Clock.systemUTC());
        okta = emulator.admin();
        env = new HashMap<>(Map.of("QUARKUS_VAULT_URL", vault.url(), "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken(),
                "BROKER_OKTA_DOMAIN", okta.domain(), "OKTA_API_TOKEN", okta.apiToken()));
    }

    @AfterEach
    void stop() {
        emulator.close();
        vault.close();
    }

    @Test
    void generateCreatesANonExportableKeyAndRotateRegistersEachNewVersionOnce() throws Exception {
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

    @Test
    void generateNeverReplacesAnExistingTransitKeyWithoutForce() throws Exception {
        assertThat(CliRun.of(env, "keys", "generate", "--transit", "broker-key", "--alg", "ES256").exitCode()).isZero();

        CliRun again = CliRun.of(env, "keys", "generate", "--transit", "broker-key", "--alg", "ES256");
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err()).contains("refused to overwrite").contains("broker-key").contains("keys rotate");
        assertThat(again.out()).isEmpty();
        assertThat(vault.count("POST", "/v1/transit/keys/broker-key")).isEqualTo(1); // the first create only

        CliRun forced = CliRun.of(env, "keys", "generate", "--transit", "broker-key", "--alg", "ES256", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        PublicJsonWebKey v2 = (PublicJsonWebKey) new JsonWebKeySet(forced.out().strip()).getJsonWebKeys().get(0);
        assertThat(v2.getPublicKey()).isEqualTo(vault.transitPublicKey("broker-key", 2));
        assertThat(forced.err()).contains("v2");
    }

    @Test
    void kvRotationSwitchesRemovesTheStagedCopyAndTheNextRunRotatesAgain() throws Exception {
        String clientId = appWithKeyInVault();

        CliRun rotated = rotate(clientId);
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        var now = vault.secret(LIVE).orElseThrow();
        String firstKid = now.get("kid");
        assertThat(firstKid).isNotEqualTo("old");
        assertThat(now).containsEntry("client_id", clientId);
        assertThat(vault.secret(STAGED)).isEmpty();
        assertThat(vault.count("DELETE", "/v1/secret/metadata/" + STAGED)).isEqualTo(1);
        assertThat(okta.apps().get(clientId).keys()).extracting(k -> k.get("kid")).containsExactly("old", firstKid);
        assertThat(rotated.out()).contains("staged copy is removed").contains("--kid old");

        CliRun again = rotate(clientId);
        assertThat(again.exitCode()).as(again.err()).isZero();
        String secondKid = vault.secret(LIVE).orElseThrow().get("kid");
        assertThat(secondKid).isNotIn("old", firstKid);
        assertThat(vault.secret(LIVE).orElseThrow()).containsEntry("client_id", clientId);
        assertThat(vault.secret(STAGED)).isEmpty();
        assertThat(okta.apps().get(clientId).keys()).extracting(k -> k.get("kid")).containsExactly("old", firstKid, secondKid);
        assertThat(again.out()).contains("--kid " + firstKid).doesNotContain("already");
        assertThat(rotated.out() + rotated.err() + again.out() + again.err()).doesNotContain("PRIVATE KEY");
    }

    @ParameterizedTest(name = "registered in Okta before the crash: {0}")
    @ValueSource(booleans = { false, true })
    void aRotationStoppedBeforeTheSwitchIsFinishedWithTheStagedKeyNotANewOne(boolean registered) throws Exception {
        String clientId = appWithKeyInVault();
        GeneratedKey staged = GeneratedKey.generate("RS256", null, null);
        vault.putSecret(STAGED, Map.of("private_key", staged.pkcs8Pem(), "kid", staged.kid())); // step 1 done, then a crash
        if (registered) { // step 2 done too
            java.nio.file.Path jwks = java.nio.file.Files.createTempFile("staged", ".json");
            java.nio.file.Files.writeString(jwks, staged.publicJwks());
            assertThat(CliRun.of(env, "okta", "add-key", "--client-id", clientId, "--jwks", jwks.toString()).exitCode()).isZero();
        }

        CliRun resumed = rotate(clientId);

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("by an earlier run").contains(registered ? "already registered" : staged.kid() + " registered");
        assertThat(vault.secret(LIVE).orElseThrow()).containsEntry("kid", staged.kid()).containsEntry("private_key", staged.pkcs8Pem())
                .containsEntry("client_id", clientId);
        assertThat(vault.secret(STAGED)).isEmpty();
        assertThat(okta.apps().get(clientId).keys()).extracting(k -> k.get("kid")).containsExactly("old", staged.kid());
    }

    @Test
    void aRotationStoppedAfterTheSwitchOnlyRemovesTheStagedCopy() throws Exception {
        String clientId = appWithKeyInVault();
        CliRun first = rotate(clientId);
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String> live = vault.secret(LIVE).orElseThrow();
        // the state a crash between the switch and the removal leaves: the live key also staged
        vault.putSecret(STAGED, Map.of("private_key", live.get("private_key"), "kid", live.get("kid")));
        vault.clearRequests();

        CliRun finished = rotate(clientId);

        assertThat(finished.exitCode()).as(finished.err()).isZero();
        assertThat(finished.out()).contains("already live");
        assertThat(vault.secret(STAGED)).isEmpty();
        assertThat(vault.secret(LIVE).orElseThrow()).isEqualTo(live);
        assertThat(vault.count("POST", "/v1/secret/data/")).isZero();
        assertThat(okta.apps().get(clientId).keys()).hasSize(2);

        CliRun next = rotate(clientId);
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(vault.secret(LIVE).orElseThrow().get("kid")).isNotEqualTo(live.get("kid"));
        assertThat(okta.apps().get(clientId).keys()).hasSize(3);
    }

    /** A key with kid "old" at {@link #LIVE}, registered on a new app whose client_id is stored beside it. */
    private String appWithKeyInVault() throws Exception {
        CliRun first = CliRun.of(env, "keys", "generate", "--vault-path", LIVE, "--kid", "old");
        assertThat(first.exitCode()).as(first.err()).isZero();
        java.nio.file.Path jwks = java.nio.file.Files.createTempFile("old", ".json");
        java.nio.file.Files.writeString(jwks, first.out());
        String clientId = CliRun.of(env, "okta", "create-app", "--name", "kv-app", "--jwks", jwks.toString()).out().strip();
        vault.putSecret(LIVE, new HashMap<>(Map.of("private_key", vault.secret(LIVE).orElseThrow().get("private_key"),
                "kid", "old", "client_id", clientId)));
        return clientId;
    }

    private CliRun rotate(String clientId) {
        return CliRun.of(env, "keys", "rotate", "--vault-path", LIVE, "--client-id", clientId);
    }
}
