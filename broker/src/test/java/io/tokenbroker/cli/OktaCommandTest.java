package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tokenbroker.emulator.AdminApi;
import io.tokenbroker.emulator.OktaEmulator;

/** create-app, grant, add-key, list-keys, deactivate-key against Okta's admin APIs (stand-in). */
class OktaCommandTest {

    @TempDir
    Path tmp;

    private OktaEmulator emulator;
    private AdminApi okta;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        emulator = new OktaEmulator(Clock.systemUTC());
        okta = emulator.admin();
        env = new HashMap<>(Map.of("BROKER_OKTA_DOMAIN", okta.domain(), "OKTA_API_TOKEN", okta.apiToken()));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Path keys(String name, String alg, String kid) {
        Path dir = tmp.resolve(name);
        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", dir.toString(), "--alg", alg, "--kid", kid);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return dir.resolve("public.jwks.json");
    }

    @Test
    void createAppRegistersAServiceAppGrantsOktaScopesAndPrintsTheClientId() {
        CliRun run = CliRun.of(env, "okta", "create-app", "--name", "orders-sidecar", "--scopes", "okta.users.read,okta.groups.read,orders.read",
                "--jwks", keys("k1", "RS256", "key-1").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String clientId = run.out().strip();
        var app = okta.apps().get(clientId);
        assertThat(app).isNotNull();
        assertThat(app.registration().path("token_endpoint_auth_method").asText()).isEqualTo("private_key_jwt");
        assertThat(app.registration().path("jwks").path("keys").get(0).path("kid").asText()).isEqualTo("key-1");
        assertThat(app.registration().path("dpop_bound_access_tokens").asBoolean(true)).isFalse();
        assertThat(app.grants()).containsExactly("okta.users.read", "okta.groups.read");
        assertThat(run.err()).contains("orders.read"); // a custom scope cannot be granted through the app grants API
        assertThat(run.out() + run.err()).doesNotContain(okta.apiToken());
    }

    @Test
    void createAppFromVaultRegistersThePublicHalfAndStoresTheClientIdNextToTheKey() throws Exception {
        try (var vault = io.tokenbroker.testsupport.vault.VaultStandIn.start(java.time.Clock.systemUTC())) {
            env.put("QUARKUS_VAULT_URL", vault.url());
            env.put("QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken());
            CliRun generated = CliRun.of(env, "keys", "generate", "--vault-path", "token-broker/okta", "--alg", "ES256", "--kid", "vault-key");
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            CliRun run = CliRun.of(env, "okta", "create-app", "--name", "from-vault", "--scopes", "okta.users.read",
                    "--from-vault", "--write-client-id");
            assertThat(run.exitCode()).as(run.err()).isZero();
            String clientId = run.out().strip();
            assertThat(vault.secret("token-broker/okta").orElseThrow()).containsEntry("client_id", clientId)
                    .containsEntry("kid", "vault-key");
            var registered = okta.apps().get(clientId).registration().path("jwks").path("keys").get(0);
            assertThat(registered.path("kid").asText()).isEqualTo("vault-key");
            assertThat(registered.has("d")).isFalse();
        }
    }

    @Test
    void aZeroDowntimeRotationWalksAddListDeactivate() {
        String clientId = CliRun.of(env, "okta", "create-app", "--name", "rot", "--require-dpop",
                "--jwks", keys("old", "RS256", "old").toString()).out().strip();
        assertThat(okta.apps().get(clientId).registration().path("dpop_bound_access_tokens").asBoolean()).isTrue();
        CliRun added = CliRun.of(env, "okta", "add-key", "--client-id", clientId, "--jwks", keys("new", "ES256", "new").toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains(" new ACTIVE");
        CliRun listed = CliRun.of(env, "okta", "list-keys", "--client-id", clientId);
        assertThat(listed.out()).contains(" old ACTIVE").contains(" new ACTIVE");
        CliRun deactivated = CliRun.of(env, "okta", "deactivate-key", "--client-id", clientId, "--kid", "old");
        assertThat(deactivated.exitCode()).as(deactivated.err()).isZero();
        assertThat(CliRun.of(env, "okta", "list-keys", "--client-id", clientId).out()).contains(" old INACTIVE").contains(" new ACTIVE");
        // re-running a step is safe
        assertThat(CliRun.of(env, "okta", "deactivate-key", "--client-id", clientId, "--kid", "old").exitCode()).isZero();
        // Okta refuses to deactivate the last active key; its errorCauses are shown
        CliRun last = CliRun.of(env, "okta", "deactivate-key", "--client-id", clientId, "--kid", "new");
        assertThat(last.exitCode()).isEqualTo(1);
        assertThat(last.err()).contains("E0000001").contains("at least one active key");
    }

    @Test
    void oktaErrorsAreShownClearlyAndTheTokenNeverIs() throws Exception {
        env.put("OKTA_API_TOKEN", "00wrong-token");
        CliRun unauthorized = CliRun.of(env, "okta", "list-keys", "--client-id", "0oa1");
        assertThat(unauthorized.exitCode()).isEqualTo(1);
        assertThat(unauthorized.err()).contains("HTTP 401").contains("E0000011").doesNotContain("00wrong-token");

        Path tokenFile = Files.writeString(tmp.resolve("token"), okta.apiToken() + "\n");
        env.remove("OKTA_API_TOKEN");
        CliRun missing = CliRun.of(env, "okta", "list-keys", "--client-id", "0oa-none", "--api-token-file", tokenFile.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("E0000007");

        Path privateJwks = Files.writeString(tmp.resolve("private.json"), "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"x\",\"d\":\"AA\"}]}");
        CliRun leak = CliRun.of(env, "okta", "create-app", "--name", "x", "--jwks", privateJwks.toString(), "--api-token-file", tokenFile.toString());
        assertThat(leak.exitCode()).isEqualTo(3);
        assertThat(leak.err()).contains("private key");
        assertThat(okta.requests()).noneMatch(r -> r.startsWith("POST /oauth2/v1/clients"));

        env.remove("BROKER_OKTA_DOMAIN");
        CliRun noDomain = CliRun.of(env, "okta", "list-keys", "--client-id", "0oa1", "--api-token-file", tokenFile.toString());
        assertThat(noDomain.exitCode()).isEqualTo(3);
        assertThat(noDomain.err()).contains("BROKER_OKTA_DOMAIN");
    }
}
