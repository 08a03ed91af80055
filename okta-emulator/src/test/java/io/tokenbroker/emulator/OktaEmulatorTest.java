package io.tokenbroker.emulator;

import static io.tokenbroker.emulator.Answers.assertRefused;
import static io.tokenbroker.emulator.TestClient.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The emulator over real loopback HTTP: its paths, what it records, and the faults the broker's tests script. */
class OktaEmulatorTest {

    private static final String CUSTOM = "aus1";

    private OktaEmulator okta;

    @BeforeEach
    void start() throws IOException {
        okta = new OktaEmulator(TestClient.clock());
        TestClient.registerAt(okta.issuer(), "tokens.read");
        TestClient.registerAt(okta.customServer(CUSTOM), "tokens.read");
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    /** A token request to {@code server} with a fresh assertion for its token URL, at that URL. */
    private static HttpResponse<String> requestToken(AuthorizationServer server, String... headers) throws Exception {
        return Http.post(server.tokenUrl(), form(server), headers);
    }

    private static Map<String, String> form(AuthorizationServer server) {
        return TestClient.form(server.tokenUrl(), "tokens.read");
    }

    private static void assertIssued(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Answers.json(response.body()).path("access_token").asText()).isNotEmpty();
    }

    @Test
    void theOrgServerIssuesATokenForAFormPostedToItsTokenPath() throws Exception {
        HttpResponse<String> response = Http.post(okta.baseUrl() + OktaEmulator.TOKEN_PATH, form(okta.issuer()));

        assertIssued(response);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(okta.tokenRequestsAt(OktaEmulator.TOKEN_PATH)).isEqualTo(1);
        assertThat(okta.lastForm()).containsEntry("scope", "tokens.read").containsEntry("grant_type", "client_credentials");
    }

    @Test
    void aCustomServerIssuesAtItsOwnPath() throws Exception {
        assertThat(okta.customServer(CUSTOM).tokenUrl()).isEqualTo(okta.baseUrl() + "/oauth2/aus1/v1/token");

        assertIssued(requestToken(okta.customServer(CUSTOM)));
        assertThat(okta.tokenRequestsAt(OktaEmulator.tokenPath(CUSTOM))).isEqualTo(1);
        assertThat(okta.tokenRequestsAt(OktaEmulator.TOKEN_PATH)).isZero();
        assertThat(okta.formsAt(OktaEmulator.tokenPath(CUSTOM))).hasSize(1);
    }

    @Test
    void aCustomServerPublishesItsOwnSigningKeys() throws Exception {
        AuthorizationServer orders = okta.customServer("orders");
        HttpResponse<String> keys = Http.get(okta.baseUrl() + "/oauth2/orders/v1/keys");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(new org.jose4j.jwk.JsonWebKeySet(keys.body()).getJsonWebKeys()).singleElement()
                .satisfies(key -> assertThat(key.getKeyId()).isEqualTo(orders.signingKey().getKeyId()))
                .satisfies(key -> assertThat(key.getKeyId()).isNotEqualTo(okta.issuer().signingKey().getKeyId()));
    }

    @Test
    void anUnknownAuthorizationServerIsOktasNotFound() throws Exception {
        HttpResponse<String> response = Http.post(okta.baseUrl() + OktaEmulator.tokenPath("x"), form(okta.issuer()));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Answers.json(response.body());
        assertThat(body.path("errorCode").asText()).isEqualTo("E0000007");
        assertThat(body.path("errorSummary").asText()).startsWith("Not found");
        assertThat(okta.tokenRequests()).isZero();
    }

    @Test
    void onlyTheExactTokenAndKeysPathsAnswerAsOktaDoes() throws Exception {
        for (String path : List.of(OktaEmulator.TOKEN_PATH + "s", OktaEmulator.TOKEN_PATH + "/extra")) {
            HttpResponse<String> response = Http.post(okta.baseUrl() + path, form(okta.issuer()));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).contains("E0000007");
        }
        assertThat(Http.get(okta.baseUrl() + OktaEmulator.KEYS_PATH + "x").statusCode()).isEqualTo(404);
        okta.customServer("orders");
        assertThat(Http.post(okta.baseUrl() + "/oauth2/orders/v1/tokens", form(okta.issuer())).statusCode()).isEqualTo(404);
        assertThat(okta.tokenRequests()).isZero();
    }

    @Test
    void aScriptedAnswerReplacesTheNextAnswerOnly() throws Exception {
        okta.answerNextWithHeaders(429, "{\"errorCode\":\"E0000047\"}", Map.of("Retry-After", "7"));

        HttpResponse<String> scripted = requestToken(okta.issuer());
        assertThat(scripted.statusCode()).isEqualTo(429);
        assertThat(scripted.body()).isEqualTo("{\"errorCode\":\"E0000047\"}");
        assertThat(scripted.headers().firstValue("Retry-After")).hasValue("7");
        assertIssued(requestToken(okta.issuer()));
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void takingOneServerDownLeavesTheOthersAnswering() throws Exception {
        okta.down(OktaEmulator.tokenPath(CUSTOM), true);

        HttpResponse<String> down = requestToken(okta.customServer(CUSTOM));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(Answers.json(down.body()).path("errorCode").asText()).isEqualTo("E0000009");
        assertIssued(requestToken(okta.issuer()));

        okta.down(OktaEmulator.tokenPath(CUSTOM), false);
        assertIssued(requestToken(okta.customServer(CUSTOM)));
    }

    @Test
    void aDelayHoldsBackEveryAnswer() throws Exception {
        okta.delay(Duration.ofMillis(300));

        long start = System.nanoTime();
        assertIssued(requestToken(okta.issuer()));

        // a lower bound only: how much longer it takes depends on the machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void onIssuedIsToldTheRunningCountOfIssuedTokensOnly() throws Exception {
        List<Integer> counts = new CopyOnWriteArrayList<>();
        okta.onIssued(counts::add);

        assertIssued(requestToken(okta.issuer()));
        String tokenUrl = okta.issuer().tokenUrl();
        assertThat(Http.post(tokenUrl, TestClient.form(tokenUrl, "tokens.write")).statusCode()).isEqualTo(400);
        assertIssued(requestToken(okta.customServer(CUSTOM)));

        assertThat(counts).containsExactly(1, 2);
        assertThat(okta.issuedTokens()).hasSize(2);
    }

    @Test
    void theKeysEndpointServesThePublicKeysTokensVerifyWith() throws Exception {
        String token = Answers.json(requestToken(okta.issuer()).body()).path("access_token").asText();

        HttpResponse<String> keys = Http.get(okta.baseUrl() + OktaEmulator.KEYS_PATH);

        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(Answers.json(keys.body()).path("keys").get(0).has("d")).as(keys.body()).isFalse();
        JsonWebKeySet jwks = new JsonWebKeySet(keys.body());
        assertThat(new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setExpectedAudience("api://default")
                .setEvaluationTime(NumericDate.fromSeconds(NOW.getEpochSecond()))
                .build()
                .processToClaims(token)
                .getClaimValueAsString("cid")).isEqualTo(TestClient.CLIENT_ID);
    }

    @Test
    void aDroppedConnectionGetsNoAnswerAndTheNextRequestIsServed() throws Exception {
        okta.faultNext(OktaEmulator.Fault.DROP);

        assertThatThrownBy(() -> requestToken(okta.issuer())).isInstanceOf(IOException.class);
        assertIssued(requestToken(okta.issuer()));
    }

    @Test
    void aReplayedAssertionIsRefusedAsOktaRefusesAJtiReplay() throws Exception {
        okta.replayPreviousAssertion(true);

        assertIssued(requestToken(okta.issuer()));
        HttpResponse<String> replayed = requestToken(okta.issuer());

        assertRefused(replayed.statusCode(), replayed.body(), 401, "invalid_client", "already been used");
    }

    @Test
    void aHeldRequestIsAnsweredOnRelease() throws Exception {
        okta.hold();
        CompletableFuture<HttpResponse<String>> held = Http.postAsync(okta.issuer().tokenUrl(), form(okta.issuer()));

        assertThat(okta.awaitFirstRequest()).isTrue();
        assertThat(held).isNotDone();
        okta.release();
        assertIssued(held.get());
    }

    @Test
    void aDpopBoundTokenIsServedByTheProtectedApiForAProofOfTheRequestedUrl() throws Exception {
        EllipticCurveJsonWebKey dpopKey = TestKeys.ec();
        String tokenProof = DpopProof.of("POST", okta.issuer().tokenUrl(), NOW).signedBy(dpopKey);
        String token = Answers.json(requestToken(okta.issuer(), "DPoP", tokenProof).body()).path("access_token").asText();
        String apiProof = DpopProof.of("GET", okta.baseUrl() + "/api/v1/users", NOW).boundTo(token).signedBy(dpopKey);

        HttpResponse<String> users = Http.get(okta.baseUrl() + "/api/v1/users?limit=2",
                "Authorization", "DPoP " + token, "DPoP", apiProof);

        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        assertThat(okta.dpopProofs()).containsExactly(tokenProof);
        assertThat(okta.resourceProofs()).containsExactly(apiProof);
        assertThat(okta.resourceTargets()).containsExactly("GET /api/v1/users?limit=2");
    }
}
