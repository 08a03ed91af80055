package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.SetupStandIns;
import io.tokenbroker.emulator.AdminApi;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * The three setup commands of docs/cli.md (keys generate → okta create-app → token get) against the Vault,
 * Okta admin and Okta token endpoint stand-ins, configured only with the keys the broker itself reads.
 */
class SetupFlowTest {

    @TempDir
    Path tmp;

    private SetupStandIns standIns;
    private VaultStandIn vault;
    private AdminApi admin;
    private OktaEmulator okta;

    @BeforeEach
    void start() throws Exception {
        standIns = SetupStandIns.start();
        vault = standIns.vault;
        admin = standIns.admin;
        okta = standIns.okta;
    }

    @AfterEach
    void stop() {
        standIns.close();
    }

    private Map<String, String> brokerSettings() {
        return standIns.brokerSettings();
    }

    @Test
    void generateCreateAppAndTokenGetWorkWithTheBrokersOwnKeys() throws Exception {
        Map<String, String> settings = brokerSettings();

        CliRun generated = CliRun.of(settings, "keys", "generate", "--vault-path", "teams/orders/okta", "--alg", "RS256");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        PublicJsonWebKey published = (PublicJsonWebKey) new JsonWebKeySet(generated.out().strip()).getJsonWebKeys().get(0);
        Map<String, String> secret = vault.secret("teams/orders/okta").orElseThrow();
        assertThat(secret).containsEntry("kid", published.getKeyId()).containsKey("private_key");
        assertThat(vault.count("POST", "/v1/kv/data/teams/orders/okta")).isEqualTo(1);

        CliRun created = CliRun.of(settings, "okta", "create-app", "--name", "orders-sidecar", "--scopes", "okta.users.read",
                "--from-vault", "--write-client-id");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String clientId = created.out().strip();
        AdminApi.App app = admin.apps().get(clientId);
        assertThat(app.grants()).containsExactly("okta.users.read");
        var registered = app.registration().path("jwks").path("keys").get(0);
        assertThat(registered.path("kid").asText()).isEqualTo(published.getKeyId());
        assertThat(registered.path("n").asText()).isEqualTo(published.toParams(PublicJsonWebKey.OutputControlLevel.PUBLIC_ONLY).get("n"));
        assertThat(registered.has("d")).isFalse();
        assertThat(vault.secret("teams/orders/okta").orElseThrow()).containsEntry("client_id", clientId);


        CliRun token = CliRun.of(settings, "token", "get", "--raw");
        assertThat(token.exitCode()).as(token.err()).isZero();
        var issuerKey = (PublicJsonWebKey) okta.issuer().jwks().getJsonWebKeys().get(0);
        var claims = Assertions.verify(token.out().strip(), issuerKey.getPublicKey()).claims();
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(okta.tokenRequests()).isEqualTo(1);

        var assertion = Assertions.verify(okta.lastForm().get("client_assertion"), published.getPublicKey());
        assertThat(assertion.jws().getKeyIdHeaderValue()).isEqualTo(published.getKeyId());
        assertThat(assertion.claims().getIssuer()).isEqualTo(clientId);
        assertThat(assertion.claims().getAudience()).containsExactly(okta.baseUrl() + OktaEmulator.TOKEN_PATH);
        assertThat(assertion.claims().getExpirationTime().getValue() - assertion.claims().getIssuedAt().getValue())
                .isEqualTo(Duration.ofSeconds(120).toSeconds());

        String everything = generated.out() + generated.err() + created.out() + created.err() + token.err();
        assertThat(everything).doesNotContain(vault.rootToken()).doesNotContain(admin.apiToken()).doesNotContain("PRIVATE KEY")
                .doesNotContain(okta.lastForm().get("client_assertion"));
    }

    @Test
    void theThreeStepsWorkWithVaultAddrAndVaultTokenAlone() throws Exception {
        Map<String, String> settings = standIns.vaultToolSettings();

        CliRun generated = CliRun.of(settings, "keys", "generate", "--vault-path", "teams/orders/okta", "--alg", "ES256");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        CliRun created = CliRun.of(settings, "okta", "create-app", "--name", "orders", "--scopes", "okta.users.read", "--from-vault",
                "--write-client-id");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String clientId = created.out().strip();
        assertThat(vault.secret("teams/orders/okta").orElseThrow()).containsEntry("client_id", clientId);
        CliRun token = CliRun.of(settings, "token", "get", "--raw");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(okta.tokenRequests()).isEqualTo(1);

        assertThat(vault.requests()).isNotEmpty().allMatch(VaultStandIn.RecordedRequest::hadToken);
        String everything = generated.out() + generated.err() + created.out() + created.err() + token.out() + token.err();
        assertThat(everything).doesNotContain(vault.rootToken());
    }

    @Test
    void theTokenFileOfVaultLoginAndVaultNamespaceAreHonoured() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(home.resolve(".vault-token"), vault.rootToken() + "\n");
        Map<String, String> settings = Map.of("VAULT_ADDR", vault.url(), "VAULT_NAMESPACE", "team-a");

        CliRun run = CliRun.withHome(home, settings, "keys", "generate", "--vault-path", "teams/orders/okta", "--alg", "ES256");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(vault.secret("teams/orders/okta")).isPresent();
        assertThat(vault.requests()).isNotEmpty().allMatch(r -> r.hadToken() && "team-a".equals(r.namespace()));
        assertThat(run.out() + run.err()).doesNotContain(vault.rootToken());
    }

    @Test
    void theAssertionLifetimeIsTheBrokersDefaultWhenNotSet() throws Exception {
        Map<String, String> settings = brokerSettings();
        settings.remove("BROKER_ASSERTION_LIFETIME");
        String clientId = setUpApp(settings);
        CliRun token = CliRun.of(settings, "token", "get");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(token.out()).contains("\"token_type\":\"Bearer\"").contains("\"scope\":\"okta.users.read\"");
        var assertion = Assertions.verify(okta.lastForm().get("client_assertion"), publicKey());
        assertThat(assertion.claims().getSubject()).isEqualTo(clientId);
        assertThat(assertion.claims().getExpirationTime().getValue() - assertion.claims().getIssuedAt().getValue()).isEqualTo(300);
    }

    @Test
    void anAssertionLifetimeTheBrokerWouldRefuseIsAConfigurationErrorNamingTheKey() {
        Map<String, String> settings = brokerSettings();
        settings.put("BROKER_ASSERTION_LIFETIME", "2h");
        CliRun run = CliRun.of(settings, "token", "get");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("broker.assertion.lifetime");
        assertThat(okta.tokenRequests()).isZero();
    }

    @Test
    void anUnknownBrokerKeyIsAConfigurationErrorNamingIt() {
        Map<String, String> settings = brokerSettings();
        settings.put("broker.okta.domian", "https://typo.example.com");
        CliRun run = CliRun.of(settings, "token", "get");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("broker.okta.domian");
    }

    @Test
    void anAppThatRequiresDpopGetsOneClearLineAndExitOne() throws Exception {
        Map<String, String> settings = brokerSettings();
        setUpApp(settings);
        okta.issuer().dpop().require(true);
        CliRun run = CliRun.of(settings, "token", "get");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("token-broker: " + TokenCommand.DPOP_REQUIRED);
        assertThat(okta.dpopProofs()).containsExactly(""); // never a proof, and not retried

        okta.issuer().dpop().require(false);
        for (String answer : List.of("{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof.\"}",
                "{\"error\":\"invalid_request\",\"error_description\":\"DPoP proof is missing\"}")) {
            okta.answerNext(400, answer);
            CliRun scripted = CliRun.of(settings, "token", "get");
            assertThat(scripted.exitCode()).isEqualTo(1);
            assertThat(scripted.err().strip()).isEqualTo("token-broker: " + TokenCommand.DPOP_REQUIRED);
        }
    }

    @Test
    void transientFailuresAreRetriedLikeTheBrokerDoes() throws Exception {
        Map<String, String> settings = brokerSettings();
        settings.put("broker.retry.initial-backoff", "0s"); // no waiting: the test counts attempts
        settings.put("broker.retry.max-backoff", "0s");
        setUpApp(settings);
        okta.answerNext(503, "{\"errorCode\":\"E0000009\",\"errorSummary\":\"Internal Server Error\"}");
        CliRun run = CliRun.of(settings, "token", "get", "--raw");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(okta.tokenRequests()).isEqualTo(2);
        List<String> assertions = okta.forms().stream().map(f -> f.get("client_assertion")).toList();
        assertThat(assertions.get(0)).isNotEqualTo(assertions.get(1)); // a fresh assertion (jti) per attempt
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefusedBeforeAnySecretIsSent() {
        Map<String, String> settings = brokerSettings();
        Map<String, String> vaultElsewhere = new HashMap<>(settings);
        vaultElsewhere.put("QUARKUS_VAULT_URL", "http://vault.example.com:8200");
        CliRun vaultRun = CliRun.of(vaultElsewhere, "keys", "generate", "--vault-path", "teams/orders/okta");
        assertThat(vaultRun.exitCode()).isEqualTo(3);
        assertThat(vaultRun.err()).contains("quarkus.vault.url").contains("https").doesNotContain(vault.rootToken());

        Map<String, String> vaultAddrElsewhere = new HashMap<>(settings);
        vaultAddrElsewhere.remove("QUARKUS_VAULT_URL");
        vaultAddrElsewhere.put("VAULT_ADDR", "http://vault.example.com:8200");
        CliRun vaultAddrRun = CliRun.of(vaultAddrElsewhere, "keys", "generate", "--vault-path", "teams/orders/okta");
        assertThat(vaultAddrRun.exitCode()).isEqualTo(3);
        assertThat(vaultAddrRun.err()).contains("VAULT_ADDR").contains("https").doesNotContain(vault.rootToken());

        Map<String, String> oktaElsewhere = new HashMap<>(settings);
        oktaElsewhere.put("BROKER_OKTA_DOMAIN", "http://example.okta.com");
        CliRun adminRun = CliRun.of(oktaElsewhere, "okta", "list-keys", "--client-id", "0oa1");
        assertThat(adminRun.exitCode()).isEqualTo(3);
        assertThat(adminRun.err()).contains("broker.okta.domain").contains("https").doesNotContain(admin.apiToken());

        Map<String, String> tokenElsewhere = new HashMap<>(settings);
        tokenElsewhere.put("broker.okta.token-url", "http://example.okta.com/oauth2/v1/token");
        CliRun tokenRun = CliRun.of(tokenElsewhere, "token", "get");
        assertThat(tokenRun.exitCode()).isEqualTo(3);
        assertThat(tokenRun.err()).contains("https");

        assertThat(vault.requests()).isEmpty();
        assertThat(admin.requests()).isEmpty();
        assertThat(okta.tokenRequests()).isZero();
    }

    @Test
    void aRefusedVaultTokenIsReportedWithVaultsErrorAndNeverShown() {
        Map<String, String> settings = brokerSettings();
        settings.put("QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", "hvs.not-a-valid-token-0123456789");
        CliRun run = CliRun.of(settings, "keys", "generate", "--vault-path", "teams/orders/okta");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("Vault").contains("permission denied").doesNotContain("hvs.not-a-valid-token");
        assertThat(run.out()).doesNotContain("hvs.not-a-valid-token");
    }

    @Test
    void kubernetesAndAppRoleLoginsUseTheExtensionsKeys() throws Exception {
        Path jwt = Files.writeString(tmp.resolve("sa-token"), "service-account-jwt");
        vault.enableKubernetesAuth("token-broker", "service-account-jwt", Duration.ofMinutes(5));
        vault.enableAppRoleAuth("role-1", "secret-1", Duration.ofMinutes(5));
        Map<String, String> kubernetes = Map.of("QUARKUS_VAULT_URL", vault.url(),
                "QUARKUS_VAULT_AUTHENTICATION_KUBERNETES_ROLE", "token-broker",
                "QUARKUS_VAULT_AUTHENTICATION_KUBERNETES_JWT_TOKEN_PATH", jwt.toString());
        CliRun k8s = CliRun.of(kubernetes, "keys", "generate", "--vault-path", "k8s/okta", "--alg", "ES256");
        assertThat(k8s.exitCode()).as(k8s.err()).isZero();
        assertThat(vault.secret("k8s/okta")).isPresent();
        assertThat(vault.count("POST", "/v1/auth/kubernetes/login")).isEqualTo(1);

        Map<String, String> appRole = Map.of("quarkus.vault.url", vault.url(),
                "quarkus.vault.authentication.app-role.role-id", "role-1",
                "quarkus.vault.authentication.app-role.secret-id", "secret-1");
        CliRun approle = CliRun.of(appRole, "keys", "generate", "--vault-path", "approle/okta", "--alg", "ES256");
        assertThat(approle.exitCode()).as(approle.err()).isZero();
        assertThat(vault.secret("approle/okta")).isPresent();

        Map<String, String> wrongSecret = new HashMap<>(appRole);
        wrongSecret.put("quarkus.vault.authentication.app-role.secret-id", "not-the-secret");
        CliRun refused = CliRun.of(wrongSecret, "keys", "generate", "--vault-path", "approle/okta", "--alg", "ES256");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).doesNotContain("not-the-secret");

        CliRun none = CliRun.of(Map.of("QUARKUS_VAULT_URL", vault.url()), "keys", "generate", "--vault-path", "x/okta");
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).contains("quarkus.vault.authentication.client-token");
    }

    @Test
    void vaultPathsAndIdsAreEncodedSegmentBySegment() {
        Map<String, String> settings = brokerSettings();
        CliRun spaced = CliRun.of(settings, "keys", "generate", "--vault-path", "team a/okta?x#y", "--alg", "ES256");
        assertThat(spaced.exitCode()).as(spaced.err()).isZero();
        assertThat(vault.secret("team a/okta?x#y")).isPresent();

        CliRun traversal = CliRun.of(settings, "keys", "generate", "--vault-path", "team/../../sys/policy", "--alg", "ES256");
        assertThat(traversal.exitCode()).isEqualTo(2);
        assertThat(vault.requests()).noneMatch(r -> r.path().contains("sys"));

        CliRun oddId = CliRun.of(settings, "okta", "list-keys", "--client-id", "0oa1/../../users");
        assertThat(oddId.exitCode()).isEqualTo(1); // the stand-in has no such app: the id stayed one segment
        assertThat(admin.requests()).containsExactly("GET /api/v1/apps/0oa1/../../users/credentials/jwks");
    }

    private String setUpApp(Map<String, String> settings) throws Exception {
        assertThat(CliRun.of(settings, "keys", "generate", "--vault-path", "teams/orders/okta", "--alg", "ES256").exitCode()).isZero();
        CliRun created = CliRun.of(settings, "okta", "create-app", "--name", "orders", "--scopes", "okta.users.read", "--from-vault",
                "--write-client-id");
        String clientId = created.out().strip();
        return clientId;
    }

    private java.security.PublicKey publicKey() throws Exception {
        return io.tokenbroker.key.PrivateKeyParser.parse(vault.secret("teams/orders/okta").orElseThrow().get("private_key"),
                java.util.Optional.empty(), "vault").publicKey();
    }
}
