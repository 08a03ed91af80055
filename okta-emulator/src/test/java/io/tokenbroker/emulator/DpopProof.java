package io.tokenbroker.emulator;

import java.security.Key;
import java.time.Instant;
import java.util.UUID;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * A DPoP proof (RFC 9449 section 4.2) built here with jose4j, not with the broker's code; it can be bent (typ,
 * private key material in the jwk header, a symmetric alg) to break one of the checks at a time.
 */
final class DpopProof {

    private final JwtClaims claims = new JwtClaims();
    private String typ = "dpop+jwt";
    private boolean privateJwk;

    private DpopProof(String method, String url, Instant iat) {
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("htm", method);
        claims.setClaim("htu", url);
        claims.setIssuedAt(NumericDate.fromSeconds(iat.getEpochSecond()));
    }

    /** A proof for {@code method} on {@code url}, issued at {@code iat}, with a fresh jti. */
    static DpopProof of(String method, String url, Instant iat) {
        return new DpopProof(method, url, iat);
    }

    DpopProof nonce(String nonce) {
        claims.setClaim("nonce", nonce);
        return this;
    }

    /** The ath claim for {@code accessToken}: a resource request's proof. */
    DpopProof boundTo(String accessToken) {
        claims.setClaim("ath", DpopProofCheck.sha256(accessToken));
        return this;
    }

    DpopProof typ(String header) {
        this.typ = header;
        return this;
    }

    /** The jwk header carries the private key too (d): a proof must never. */
    DpopProof leakingPrivateKey() {
        this.privateJwk = true;
        return this;
    }

    /** ES256 by {@code key}, whose public half is the jwk header. */
    String signedBy(EllipticCurveJsonWebKey key) {
        return sign(key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, key.getPrivateKey());
    }

    /** HS256 keyed with the encoded public key of the jwk header: the algorithm confusion a verifier must refuse. */
    String macedWithPublicKeyOf(EllipticCurveJsonWebKey key) {
        return sign(key, AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(key.getPublicKey().getEncoded()));
    }

    private String sign(EllipticCurveJsonWebKey jwk, String alg, Key signingKey) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", typ);
        jws.setAlgorithmHeaderValue(alg);
        jws.getHeaders().setObjectHeaderValue("jwk", jwk.toParams(privateJwk
                ? JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE : JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
