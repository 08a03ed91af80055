package io.tokenbroker.emulator;

import java.util.Map;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Keys for the tests, and RFC 7638 thumbprints computed here from the members the RFC names, so that the
 * emulator's jkt is checked against more than the library it computes them with.
 */
final class TestKeys {

    private TestKeys() {
    }

    /** A client's RSA key pair, kid = its RFC 7638 thumbprint. */
    static RsaJsonWebKey rsa() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(thumbprint(key));
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DPoP key pair (P-256). */
    static EllipticCurveJsonWebKey ec() {
        try {
            return EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638: SHA-256 of the required members, in lexicographic order, without white space. */
    static String thumbprint(PublicJsonWebKey key) {
        Map<String, Object> jwk = key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String members = switch ((String) jwk.get("kty")) {
            case "RSA" -> "{\"e\":\"" + jwk.get("e") + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.get("n") + "\"}";
            case "EC" -> "{\"crv\":\"" + jwk.get("crv") + "\",\"kty\":\"EC\",\"x\":\"" + jwk.get("x") + "\",\"y\":\""
                    + jwk.get("y") + "\"}";
            default -> throw new IllegalArgumentException("no thumbprint for kty " + jwk.get("kty"));
        };
        return DpopProofCheck.sha256(members);
    }
}
