package io.tokenbroker.key;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

import org.jose4j.json.JsonUtil;

import io.smallrye.mutiny.Uni;

/**
 * A key that signs JWS: held in memory ({@link LocalSigner}) or in Vault Transit, where the private
 * key never leaves Vault. Client assertions and DPoP proofs are both signed through
 * {@link #sign(Map, Map)}, so a JWS is put together in one place whatever holds the key.
 */
public interface JwsSigner {

    String kid();

    /** RS256/384/512 or ES256/384/512. */
    String algorithm();

    PublicKey publicKey();

    /** The RFC 7638 SHA-256 thumbprint of the public key (a DPoP-bound token's {@code cnf.jkt}). */
    String jkt();

    /** Where the key came from, for logs and health (never the material). */
    String source();

    /** The JWS signature over {@code signingInput} (ASCII of header.payload), raw bytes as JWS wants them (R||S for ES*). */
    Uni<byte[]> signature(byte[] signingInput);

    /** A compact JWS of {@code header} and {@code claims}; nothing is signed before subscription. */
    default Uni<String> sign(Map<String, Object> header, Map<String, Object> claims) {
        return Uni.createFrom().deferred(() -> {
            String signingInput = signingInput(header, claims);
            return signature(signingInput.getBytes(StandardCharsets.US_ASCII)).map(signature -> compact(signingInput, signature));
        });
    }

    /** base64url(header) "." base64url(claims), the JSON written by jose4j. */
    static String signingInput(Map<String, Object> header, Map<String, Object> claims) {
        return base64url(JsonUtil.toJson(header).getBytes(StandardCharsets.UTF_8)) + "."
                + base64url(JsonUtil.toJson(claims).getBytes(StandardCharsets.UTF_8));
    }

    static String compact(String signingInput, byte[] signature) {
        return signingInput + "." + base64url(signature);
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
