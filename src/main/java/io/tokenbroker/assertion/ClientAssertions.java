package io.tokenbroker.assertion;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.tokenbroker.key.SigningKey;

/**
 * The RFC 7523 client assertion itself, shared by the broker and the command line: iss = sub =
 * client id, aud = the token URL, iat, exp = iat + lifetime, a fresh 256-bit jti, kid and alg.
 */
public final class ClientAssertions {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final int JTI_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientAssertions() {
    }

    public static SignedAssertion sign(SigningKey key, String audience, Instant issuedAt, Duration lifetime) {
        String jwt = Jwt.issuer(key.clientId())
                .subject(key.clientId())
                .audience(audience)
                .issuedAt(issuedAt.getEpochSecond())
                .expiresAt(issuedAt.plus(lifetime).getEpochSecond())
                .claim("jti", newJti())
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
        return new SignedAssertion(jwt, key.clientId(), key.kid());
    }

    /** A fresh 256-bit identifier, base64url: for assertions and DPoP proofs alike. */
    public static String newJti() {
        byte[] bytes = new byte[JTI_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
