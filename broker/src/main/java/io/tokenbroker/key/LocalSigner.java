package io.tokenbroker.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import io.smallrye.mutiny.Uni;

/**
 * A {@link JwsSigner} whose private key is in memory. Whole tokens (assertions, DPoP proofs) are built
 * and signed by smallrye-jwt from the header and claims handed over; the raw {@link #signature} over a
 * prepared signing input (the contract every signer offers, and all Vault Transit can do) uses the JDK.
 */
public final class LocalSigner extends AbstractJwsSigner {

    private final PrivateKey privateKey;
    private final Map<String, Object> publicJwk;

    public LocalSigner(PrivateKey privateKey, PublicKey publicKey, String kid, String algorithm, String source) {
        super(publicKey, kid, algorithm, source);
        this.privateKey = privateKey;
        this.publicJwk = publicJwk(publicKey);
    }

    private static Map<String, Object> publicJwk(PublicKey publicKey) {
        try {
            return Map.copyOf(PublicJsonWebKey.Factory.newPublicJwk(publicKey).toParams(OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalArgumentException("cannot write a " + publicKey.getAlgorithm() + " public key as a JWK", e);
        }
    }

    @Override
    public Uni<byte[]> signature(byte[] signingInput) {
        return Uni.createFrom().item(() -> signNow(signingInput));
    }

    @Override
    public Uni<String> sign(Map<String, Object> header, Map<String, Object> claims) {
        return Uni.createFrom().item(() -> signNow(header, claims));
    }

    /**
     * {@link #sign(Map, Map)} without the Uni, for callers that must answer at once (DPoP proofs for
     * callers' requests); an in-memory key needs no I/O to sign.
     */
    public String signNow(Map<String, Object> header, Map<String, Object> claims) {
        JwtSignatureBuilder jws = Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.fromAlgorithm(algorithm()));
        header.forEach((name, value) -> {
            switch (name) {
                case "alg" -> {
                    // always this key's algorithm (set above)
                }
                case "kid" -> jws.keyId((String) value);
                case "typ" -> jws.type((String) value);
                case "jwk" -> jws.jwk(publicKey());
                default -> jws.header(name, value);
            }
        });
        return jws.sign(privateKey);
    }

    private byte[] signNow(byte[] signingInput) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm(algorithm()));
            signature.initSign(privateKey);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            // the provider's message names the algorithm or key type, never key bytes
            throw new IllegalStateException("cannot sign with " + algorithm() + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** RS* is RSASSA-PKCS1-v1_5; ES* in the P1363 format (R||S), which is what JWS carries, not DER. */
    public static String jcaAlgorithm(String algorithm) {
        String hash = "SHA" + algorithm.substring(2);
        return algorithm.startsWith("ES") ? hash + "withECDSAinP1363Format" : hash + "withRSA";
    }

    /** The public half as a JWK (a DPoP proof's {@code jwk} header); never holds private members. */
    public Map<String, Object> publicJwk() {
        return publicJwk;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "LocalSigner[kid=" + kid() + ", alg=" + algorithm() + ", jkt=" + jkt() + ", source=" + source() + "]";
    }
}
