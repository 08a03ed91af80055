package io.tokenbroker.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof checks themselves (RFC 9449 section 4.3), below the endpoints that use them: what a proof must
 * name and when, the ath binding, a signature by its own jwk; and what a passing proof reports.
 */
class DpopProofCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String URL = "https://org.example.com/api/v1/users";
    private static final EllipticCurveJsonWebKey KEY = TestKeys.ec();

    private final DpopProofCheck check = new DpopProofCheck(Clock.fixed(NOW, ZoneOffset.UTC));

    private static DpopProof proof() {
        return DpopProof.of("GET", URL, NOW);
    }

    private void assertRefused(String proof, String url, String accessToken, String hint) {
        assertThatThrownBy(() -> check.check(proof, "GET", url, accessToken))
                .isInstanceOf(DpopProofCheck.Refused.class)
                .hasMessageContaining(hint);
    }

    @Test
    void aPassingProofReportsItsKeysThumbprintAndItsNonce() throws Exception {
        String proof = DpopProof.of("GET", URL + "?limit=2", NOW).nonce("n1").boundTo("tok").signedBy(KEY);

        // htu is compared normalised: scheme and host case, the default port, no query
        DpopProofCheck.Passed passed = check.check(proof, "GET", "HTTPS://ORG.example.com:443/api/v1/users?x=1", "tok");

        assertThat(passed.jkt()).isEqualTo(TestKeys.thumbprint(KEY));
        assertThat(passed.nonce()).isEqualTo("n1");
    }

    @Test
    void aProofWithoutANonceReportsNone() throws Exception {
        assertThat(check.check(proof().signedBy(KEY), "GET", URL, null).nonce()).isNull();
    }

    @Test
    void aJtiIsSingleUse() throws Exception {
        String proof = proof().signedBy(KEY);
        check.check(proof, "GET", URL, null);

        assertRefused(proof, URL, null, "jti has already been used");
    }

    @Test
    void theMethodMustMatch() {
        assertThatThrownBy(() -> check.check(proof().signedBy(KEY), "POST", URL, null))
                .isInstanceOf(DpopProofCheck.Refused.class)
                .hasMessageContaining("htm claim does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://org.example.com/api/v1/users/other", "https://org.example.com:8443/api/v1/users",
            "http://org.example.com/api/v1/users", "https://other.example.com/api/v1/users" })
    void theUrlMustNameTheSameResource(String url) {
        assertRefused(proof().signedBy(KEY), url, null, "htu claim does not match");
    }

    @ParameterizedTest
    @ValueSource(longs = { -61, 61 })
    void iatMustBeWithinAMinute(long offsetSeconds) {
        assertRefused(DpopProof.of("GET", URL, NOW.plusSeconds(offsetSeconds)).signedBy(KEY), URL, null, "iat is outside");
    }

    @ParameterizedTest
    @ValueSource(longs = { -60, 60 })
    void iatAMinuteAwayIsStillAccepted(long offsetSeconds) throws Exception {
        assertThat(check.check(DpopProof.of("GET", URL, NOW.plusSeconds(offsetSeconds)).signedBy(KEY), "GET", URL, null)).isNotNull();
    }

    @Test
    void athMustHashTheAccessTokenItComesWith() {
        assertRefused(proof().boundTo("tok").signedBy(KEY), URL, "other", "ath claim does not match");
        assertRefused(proof().signedBy(KEY), URL, "tok", "ath claim does not match");
    }

    @Test
    void athIsTheHashOfRfc9449sExample() {
        // RFC 9449 section 7.1: the proofs of these tests use the same function, so it is checked against the RFC
        assertThat(DpopProofCheck.sha256("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"))
                .isEqualTo("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String good = proof().signedBy(KEY);
        int signature = good.lastIndexOf('.') + 1;
        String tampered = good.substring(0, signature) + (good.charAt(signature) == 'A' ? 'B' : 'A') + good.substring(signature + 1);

        assertRefused(tampered, URL, null, "signature is invalid");
    }

    @Test
    void somethingThatIsNotAJwtIsRefused() {
        assertRefused("not.a.jwt", URL, null, "not a well-formed JWT");
    }
}
