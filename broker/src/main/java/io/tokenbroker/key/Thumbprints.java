package io.tokenbroker.key;

import java.security.PublicKey;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** RFC 7638 JWK thumbprints (SHA-256, base64url). */
public final class Thumbprints {

    private Thumbprints() {
    }

    public static String of(PublicKey publicKey) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalArgumentException("cannot compute the JWK thumbprint of a " + publicKey.getAlgorithm() + " key", e);
        }
    }
}
