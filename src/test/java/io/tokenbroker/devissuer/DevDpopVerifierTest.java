package io.tokenbroker.devissuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tokenbroker.dpop.DpopProofs;
import io.tokenbroker.key.LocalSigner;
import io.tokenbroker.key.Thumbprints;

/**
 * The stand-in's DPoP checks refuse each kind of bad proof, and accept the broker's proofs: so the
 * flow tests that pass against it mean something.
 */
class DevDpopVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String URL = "https://org.example.com/api/v1/users";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private DevDpopVerifier verifier;
    private LocalSigner key;
    private KeyPair pair;

    @BeforeEach
    void setUp() throws Exception {
        verifier = new DevDpopVerifier(clock);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        pair = generator.generateKeyPair();
        key = new LocalSigner(pair.getPrivate(), pair.getPublic(), Thumbprints.of(pair.getPublic()), "ES256", "test");
    }

    private String proof(String method, String url, Instant iat, String token) {
        return DpopProofs.sign(key, method, url, iat, Optional.of("n1"), Optional.ofNullable(token));
    }

    @Test
    void acceptsTheBrokersProofAndReportsItsThumbprintAndNonce() throws Exception {
        var verified = verifier.verify(proof("GET", URL + "?limit=2", NOW, "tok"), "GET", "HTTPS://ORG.example.com:443/api/v1/users?x=1", "tok");
        assertThat(verified.jkt()).isEqualTo(key.jkt());
        assertThat(verified.nonce()).isEqualTo("n1");
    }

    @Test
    void refusesAReplayedJti() throws Exception {
        String proof = proof("GET", URL, NOW, null);
        verifier.verify(proof, "GET", URL, null);
        assertThatThrownBy(() -> verifier.verify(proof, "GET", URL, null)).hasMessageContaining("jti");
    }

    @Test
    void refusesAnotherMethodUrlTokenOrTime() {
        assertThatThrownBy(() -> verifier.verify(proof("GET", URL, NOW, null), "POST", URL, null)).hasMessageContaining("htm");
        assertThatThrownBy(() -> verifier.verify(proof("GET", URL, NOW, null), "GET", URL + "/other", null)).hasMessageContaining("htu");
        assertThatThrownBy(() -> verifier.verify(proof("GET", URL, NOW, "tok"), "GET", URL, "other")).hasMessageContaining("ath");
        assertThatThrownBy(() -> verifier.verify(proof("GET", URL, NOW, null), "GET", URL, "tok")).hasMessageContaining("ath");
        assertThatThrownBy(() -> verifier.verify(proof("GET", URL, NOW.minusSeconds(120), null), "GET", URL, null))
                .hasMessageContaining("iat");
        assertThatThrownBy(() -> verifier.verify(proof("GET", URL, NOW.plusSeconds(120), null), "GET", URL, null))
                .hasMessageContaining("iat");
    }

    @Test
    void refusesABrokenSignatureAWrongTypAndPrivateKeyMaterial() throws Exception {
        String good = proof("GET", URL, NOW, null);
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        assertThatThrownBy(() -> verifier.verify(tampered, "GET", URL, null)).isInstanceOf(DevDpopVerifier.Invalid.class);

        assertThatThrownBy(() -> verifier.verify(handMade("JWT", false), "GET", URL, null)).hasMessageContaining("typ");
        assertThatThrownBy(() -> verifier.verify(handMade("dpop+jwt", true), "GET", URL, null)).hasMessageContaining("private");
        assertThatThrownBy(() -> verifier.verify("not.a.jwt", "GET", URL, null)).isInstanceOf(DevDpopVerifier.Invalid.class);
    }

    private String handMade(String typ, boolean withPrivate) throws Exception {
        EllipticCurveJsonWebKey jwk = (EllipticCurveJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
        jwk.setPrivateKey(pair.getPrivate());
        JwtClaims claims = new JwtClaims();
        claims.setGeneratedJwtId();
        claims.setClaim("htm", "GET");
        claims.setClaim("htu", URL);
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(NOW.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("ES256");
        jws.setHeader("typ", typ);
        jws.getHeaders().setObjectHeaderValue("jwk", jwk.toParams(withPrivate
                ? JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE : JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        jws.setKey(pair.getPrivate());
        return jws.getCompactSerialization();
    }
}
