package io.tokenbroker.emulator;

import static io.tokenbroker.emulator.Answers.assertRefused;
import static io.tokenbroker.emulator.TestClient.NOW;
import static io.tokenbroker.emulator.TestClient.ORG_TOKEN_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Function;
import java.util.stream.Stream;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DPoP at the token endpoint, as Okta does it: a proof when required, its server nonce (use_dpop_nonce with a
 * DPoP-Nonce header first), and the proof checks on the way to a bound token.
 */
class TokenEndpointDpopTest {

    private static final EllipticCurveJsonWebKey DPOP_KEY = TestKeys.ec();

    private final AuthorizationServer server = new AuthorizationServer(TestClient.clock(), ORG_TOKEN_URL);

    @BeforeEach
    void registerTheClient() {
        TestClient.registerAt(server, "tokens.read");
    }

    /** A token request with a fresh assertion (Okta spends its jti before it looks at the proof). */
    private OktaAnswer request(String proof) {
        return server.token(TestClient.form(ORG_TOKEN_URL, "tokens.read"), proof);
    }

    private static DpopProof proof() {
        return DpopProof.of("POST", ORG_TOKEN_URL, NOW);
    }

    private static void assertBound(OktaAnswer answer) {
        assertThat(answer.status()).as(answer.json()).isEqualTo(200);
        assertThat(Answers.json(answer.json()).path("token_type").asText()).isEqualTo("DPoP");
    }

    @Test
    void onceRequiredARequestWithoutAProofIsRefused() {
        server.dpop().require(true);

        assertRefused(request(null), 400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
        assertBound(request(proof().signedBy(DPOP_KEY)));
    }

    @Test
    void aRequiredNonceIsHandedOutWithUseDpopNonceThenAccepted() {
        server.dpop().requireNonce(true);

        OktaAnswer first = request(proof().signedBy(DPOP_KEY));
        assertRefused(first, 400, "use_dpop_nonce", "requires nonce in DPoP proof");
        String nonce = first.headers().get("DPoP-Nonce");
        assertThat(nonce).isNotBlank();

        assertBound(request(proof().nonce(nonce).signedBy(DPOP_KEY)));
    }

    @Test
    void aRotatedOutNonceGetsUseDpopNonceWithTheNewOne() {
        server.dpop().requireNonce(true);
        String old = request(proof().signedBy(DPOP_KEY)).headers().get("DPoP-Nonce");
        String current = server.dpop().rotateNonce();

        OktaAnswer answer = request(proof().nonce(old).signedBy(DPOP_KEY));

        assertRefused(answer, 400, "use_dpop_nonce", "requires nonce in DPoP proof");
        assertThat(answer.headers()).containsEntry("DPoP-Nonce", current);
        assertThat(current).isNotEqualTo(old);
    }

    @Test
    void aProofIsSingleUse() {
        String once = proof().signedBy(DPOP_KEY);

        assertBound(request(once));
        assertRefused(request(once), 400, "invalid_dpop_proof", "jti has already been used");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proofsBreakingOneCheck")
    void aProofBreakingOneCheckIsInvalidDpopProof(String check, Function<EllipticCurveJsonWebKey, String> signed, String hint) {
        assertRefused(request(signed.apply(DPOP_KEY)), 400, "invalid_dpop_proof", hint);
    }

    static Stream<Arguments> proofsBreakingOneCheck() {
        return Stream.of(
                check("htm is not POST", key -> DpopProof.of("GET", ORG_TOKEN_URL, NOW).signedBy(key), "htm claim does not match"),
                check("htu is another token URL", key -> DpopProof.of("POST", "http://127.0.0.1:1/oauth2/aus1/v1/token", NOW)
                        .signedBy(key), "htu claim does not match"),
                check("the jwk header holds the private key", key -> proof().leakingPrivateKey().signedBy(key),
                        "must not contain private key material"),
                check("typ is JWT", key -> proof().typ("JWT").signedBy(key), "typ header must be dpop+jwt"),
                check("alg is HS256 keyed with the public key", key -> proof().macedWithPublicKeyOf(key),
                        "signature cannot be verified"));
    }

    private static Arguments check(String check, Function<EllipticCurveJsonWebKey, String> signed, String hint) {
        return arguments(check, signed, hint);
    }
}
