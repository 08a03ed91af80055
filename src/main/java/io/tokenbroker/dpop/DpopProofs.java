package io.tokenbroker.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.tokenbroker.assertion.ClientAssertions;

/**
 * A DPoP proof JWT (RFC 9449 section 4.2), signed with smallrye-jwt: header {@code typ=dpop+jwt},
 * {@code alg} and the public {@code jwk}; claims {@code jti} (fresh, 256 bits), {@code htm},
 * {@code htu} (normalised, without query and fragment), {@code iat}, the server's {@code nonce}
 * when one is known and, for a resource request, {@code ath} = base64url(SHA-256(access token)).
 */
public final class DpopProofs {

    public static final String TYPE = "dpop+jwt";
    /** smallrye-jwt always writes exp; a short one keeps a leaked proof useless soon (servers go by iat). */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private DpopProofs() {
    }

    public static String sign(DpopKey key, String method, String url, Instant issuedAt, Optional<String> nonce,
            Optional<String> accessToken) {
        JwtClaimsBuilder claims = Jwt.claim("jti", ClientAssertions.newJti())
                .claim("htm", method)
                .claim("htu", Htu.of(url))
                .issuedAt(issuedAt.getEpochSecond())
                .expiresAt(issuedAt.plus(LIFETIME).getEpochSecond());
        nonce.ifPresent(n -> claims.claim("nonce", n));
        accessToken.ifPresent(token -> claims.claim("ath", ath(token)));
        return claims.jws()
                .type(TYPE)
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .jwk(key.publicKey())
                .sign(key.privateKey());
    }

    /** The access token hash a resource server compares with the presented token. */
    public static String ath(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
