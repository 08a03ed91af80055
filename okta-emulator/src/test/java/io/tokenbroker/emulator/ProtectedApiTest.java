package io.tokenbroker.emulator;

import static io.tokenbroker.emulator.Answers.assertRefused;
import static io.tokenbroker.emulator.TestClient.CLIENT_ID;
import static io.tokenbroker.emulator.TestClient.NOW;
import static io.tokenbroker.emulator.TestClient.ORG_TOKEN_URL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The protected API accepts the emulator's tokens as a resource server must (RFC 9449 sections 7 and 9): a bound
 * token only under the DPoP scheme with a proof by the bound key for this request; a Bearer token only as Bearer.
 */
class ProtectedApiTest {

    private static final String USERS = "http://127.0.0.1:1/api/v1/users";
    private static final EllipticCurveJsonWebKey DPOP_KEY = TestKeys.ec();

    private final Clock clock = TestClient.clock();
    private final AuthorizationServer server = new AuthorizationServer(clock, ORG_TOKEN_URL);
    private final ProtectedApi api = new ProtectedApi(server, clock);

    @BeforeEach
    void registerTheClient() {
        TestClient.registerAt(server, "okta.users.read");
    }

    /** An access token from the server: bound to {@code dpopKey}, or a Bearer token when it is null. */
    private String token(EllipticCurveJsonWebKey dpopKey) {
        String proof = dpopKey == null ? null : DpopProof.of("POST", ORG_TOKEN_URL, NOW).signedBy(dpopKey);
        OktaAnswer answer = server.token(TestClient.form(ORG_TOKEN_URL, "okta.users.read"), proof);
        assertThat(answer.status()).as(answer.json()).isEqualTo(200);
        return Answers.json(answer.json()).path("access_token").asText();
    }

    private static DpopProof proof() {
        return DpopProof.of("GET", USERS, NOW);
    }

    private OktaAnswer get(String authorization, String proof) {
        return api.handle("GET", USERS, authorization, proof, "");
    }

    private static void assertChallenged(OktaAnswer answer, String scheme, String error, String hint) {
        assertRefused(answer, 401, error, hint);
        assertThat(answer.headers().get("WWW-Authenticate")).startsWith(scheme + " error=\"" + error + "\"");
    }

    @Test
    void aBoundTokenWithAProofByItsKeyIsServed() {
        String token = token(DPOP_KEY);

        OktaAnswer answer = get("DPoP " + token, proof().boundTo(token).signedBy(DPOP_KEY));

        assertThat(answer.status()).as(answer.json()).isEqualTo(200);
        JsonNode body = Answers.json(answer.json());
        assertThat(body.path("sub").asText()).isEqualTo(CLIENT_ID);
        assertThat(body.path("bound").asBoolean()).isTrue();
    }

    @Test
    void aBoundTokenWithAProofByAnotherKeyIsRefused() {
        String token = token(DPOP_KEY);

        assertChallenged(get("DPoP " + token, proof().boundTo(token).signedBy(TestKeys.ec())), "DPoP", "invalid_token",
                "does not match the key the token is bound to");
    }

    @Test
    void aProofWhoseAthHashesAnotherTokenIsRefused() {
        String token = token(DPOP_KEY);

        assertChallenged(get("DPoP " + token, proof().boundTo(token(DPOP_KEY)).signedBy(DPOP_KEY)), "DPoP", "invalid_dpop_proof",
                "ath claim does not match");
    }

    @Test
    void aBoundTokenUnderTheBearerSchemeIsRefused() {
        String token = token(DPOP_KEY);

        assertChallenged(get("Bearer " + token, proof().boundTo(token).signedBy(DPOP_KEY)), "DPoP", "invalid_token",
                "DPoP-bound: the DPoP scheme and a proof are required");
    }

    @Test
    void aBoundTokenWithoutAProofIsRefused() {
        assertChallenged(get("DPoP " + token(DPOP_KEY), null), "DPoP", "invalid_dpop_proof", "A DPoP proof is required.");
    }

    @Test
    void aBearerTokenIsServedUnderTheBearerSchemeOnly() {
        String token = token(null);

        OktaAnswer bearer = get("Bearer " + token, null);
        assertThat(bearer.status()).as(bearer.json()).isEqualTo(200);
        assertThat(Answers.json(bearer.json()).path("bound").asBoolean()).isFalse();
        assertChallenged(get("DPoP " + token, proof().boundTo(token).signedBy(DPOP_KEY)), "Bearer", "invalid_token",
                "not DPoP-bound");
    }

    @Test
    void aRequiredNonceIsHandedOutWithUseDpopNonceThenAccepted() {
        api.requireNonce(true);
        String token = token(DPOP_KEY);

        OktaAnswer first = get("DPoP " + token, proof().boundTo(token).signedBy(DPOP_KEY));
        assertChallenged(first, "DPoP", "use_dpop_nonce", "Resource server requires nonce");
        String nonce = first.headers().get("DPoP-Nonce");

        assertThat(get("DPoP " + token, proof().boundTo(token).nonce(nonce).signedBy(DPOP_KEY)).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedByAnotherServerIsRefused() {
        AuthorizationServer impostor = new AuthorizationServer(clock, ORG_TOKEN_URL);
        TestClient.registerAt(impostor, "okta.users.read");
        String forged = Answers.json(impostor.token(TestClient.form(ORG_TOKEN_URL, "okta.users.read")).json())
                .path("access_token").asText();

        assertChallenged(get("Bearer " + forged, null), "Bearer", "invalid_token", "invalid or expired");
    }

    @Test
    void aRequestWithoutAnAccessTokenIsRefused() {
        assertChallenged(get(null, null), "Bearer", "invalid_request", "An access token is required.");
    }
}
