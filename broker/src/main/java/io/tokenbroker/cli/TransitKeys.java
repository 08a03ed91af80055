package io.tokenbroker.cli;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

import io.tokenbroker.key.KeyAlgorithms;
import io.tokenbroker.key.Thumbprints;

/** Transit key types for JWS algorithms, and the public JWKS of a Transit key version. */
final class TransitKeys {

    private TransitKeys() {
    }

    static String type(String algorithm, Integer bits) {
        return switch (algorithm.toUpperCase()) {
            case "RS256", "RS384", "RS512" -> "rsa-" + (bits == null ? 2048 : bits);
            case "ES256" -> "ecdsa-p256";
            case "ES384" -> "ecdsa-p384";
            case "ES512" -> "ecdsa-p521";
            default -> throw new IllegalArgumentException("--alg must be RS256, RS384, RS512, ES256, ES384 or ES512");
        };
    }

    static String jwks(String publicKeyPem, String algorithm, String kid) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(publicKeyPem.replaceAll("-----[A-Z ]+-----", ""));
            PublicKey key;
            try {
                key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception notRsa) {
                key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            }
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setAlgorithm(KeyAlgorithms.resolve(key, java.util.Optional.of(algorithm), "Vault Transit"));
            jwk.setUse("sig");
            jwk.setKeyId(kid == null || kid.isBlank() ? Thumbprints.of(key) : kid);
            return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (io.tokenbroker.key.KeyMaterialException e) {
            throw new CliException(CliException.CONFIGURATION, e.getMessage());
        } catch (Exception e) {
            throw new CliException(CliException.OPERATION_FAILED, "unreadable public key from Vault Transit");
        }
    }
}
