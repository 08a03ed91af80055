package io.tokenbroker.okta;

import io.tokenbroker.dpop.DpopProofs;

/** The short, non-reversible fingerprint under which a token may appear in logs. */
public final class TokenHash {

    private TokenHash() {
    }

    /** First 12 characters of base64url(SHA-256(token)): the start of the token's DPoP {@code ath}. */
    public static String of(String token) {
        return DpopProofs.ath(token).substring(0, 12);
    }
}
