package io.tokenbroker.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.tokenbroker.assertion.ClientAssertions;
import io.tokenbroker.key.LocalSigner;

/**
 * A DPoP proof JWT (RFC 9449 section 4.2), signed by the DPoP key's {@link LocalSigner}: header {@code typ=dpop+jwt},
 * {@code alg} and the public {@code jwk}; claims {@code jti} (fresh, 256 bits), {@code htm},
 * {@code htu} (normalised, without query and fragment), {@code iat}, the server's {@code nonce}
 * when one is known and, for a resource request, {@code ath} = base64url(SHA-256(access token)).
 */
public final class DpopProofs {

    public static final String TYPE = "dpop+jwt";
    /** RFC 9449 needs no exp; a short one keeps a leaked proof useless soon (servers go by iat). */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private DpopProofs() {
    }

    public static String sign(LocalSigner key, String method, String url, Instant issuedAt, Optional<String> nonce,
            Optional<String> accessToken) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", TYPE);
        header.put("alg", key.algorithm());
        header.put("jwk", key.publicJwk());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", ClientAssertions.newJti());
        claims.put("htm", method);
        claims.put("htu", Htu.of(url));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(LIFETIME).getEpochSecond());
        nonce.ifPresent(n -> claims.put("nonce", n));
        accessToken.ifPresent(token -> claims.put("ath", ath(token)));
        return key.signNow(header, claims);
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
