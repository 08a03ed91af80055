package io.tokenbroker.assertion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.key.SigningKey;

/**
 * The RFC 7523 client assertion itself, shared by the broker and the command line, whatever holds
 * the key: iss = sub = client id, aud = the token URL, iat, exp = iat + lifetime, a fresh 256-bit
 * jti; kid, typ and alg in the header.
 */
public final class ClientAssertions {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final int JTI_BYTES = 32;

    private ClientAssertions() {
    }

    /** Signs at subscription: every subscription (a retry) reads the clock and draws a jti anew. */
    public static Uni<SignedAssertion> sign(SigningKey key, String audience, Clock clock, Duration lifetime) {
        return Uni.createFrom().deferred(() -> key.signer().sign(header(key), claims(key, audience, clock.instant(), lifetime)))
                .map(jwt -> new SignedAssertion(jwt, key.clientId(), key.kid()));
    }

    private static Map<String, Object> header(SigningKey key) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kid", key.kid());
        header.put("typ", "JWT");
        header.put("alg", key.algorithm());
        return header;
    }

    private static Map<String, Object> claims(SigningKey key, String audience, Instant issuedAt, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", key.clientId());
        claims.put("sub", key.clientId());
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("jti", newJti());
        return claims;
    }

    /** A fresh 256-bit identifier, base64url: for assertions and DPoP proofs alike. */
    public static String newJti() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(RandomBytes.next(JTI_BYTES));
    }
}
