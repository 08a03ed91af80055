package io.tokenbroker.testsupport;

import java.security.PublicKey;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;

/** Decodes and verifies JWTs in tests, independently of the broker's own code. */
public final class Assertions {

    private Assertions() {
    }

    /** A verified JWS: header and claims, or an AssertionError when the signature does not verify. */
    public record Decoded(JsonWebSignature jws, JwtClaims claims) {
        public String header(String name) {
            return jws.getHeader(name);
        }
    }

    /** A header of a compact JWS, without verifying it. */
    public static String header(String compact, String name) {
        try {
            return JsonWebStructure.fromCompactSerialization(compact).getHeader(name);
        } catch (Exception e) {
            throw new AssertionError("not a JWS: " + e, e);
        }
    }

    /** A DPoP proof verified with the public key in its own {@code jwk} header. */
    public static Decoded verifyProof(String compact) {
        return verify(compact, proofJwk(compact).getPublicKey());
    }

    /** The RFC 7638 thumbprint of a proof's jwk header. */
    public static String proofJkt(String compact) {
        try {
            return proofJwk(compact).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (Exception e) {
            throw new AssertionError("cannot compute the thumbprint: " + e, e);
        }
    }

    private static org.jose4j.jwk.PublicJsonWebKey proofJwk(String compact) {
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(compact);
            @SuppressWarnings("unchecked")
            var members = (java.util.Map<String, Object>) jws.getHeaders().getObjectHeaderValue("jwk");
            return org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(members);
        } catch (Exception e) {
            throw new AssertionError("not a DPoP proof with a jwk header: " + e, e);
        }
    }

    public static Decoded verify(String compact, PublicKey key) {
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(compact);
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setKey(key);
            if (!jws.verifySignature()) {
                throw new AssertionError("signature does not verify");
            }
            return new Decoded(jws, JwtClaims.parse(jws.getPayload()));
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("not a verifiable JWS: " + e, e);
        }
    }
}
