package io.tokenbroker.key;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses and checks the JWS algorithm for a key: RS256/384/512 for RSA of 2048 to 8192 bits with an odd
 * public exponent of at least 65537, ES256/384/512 for exactly the NIST curves P-256/384/521. Every key
 * the broker or its command line uses passes here, whatever its source (file, Vault KV PEM or JWK,
 * Transit). A curve is recognised by all its parameters, never by its field size alone: secp256k1 and
 * brainpoolP256r1 have 256-bit fields too.
 */
public final class KeyAlgorithms {

    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 8192;
    static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);
    private static final Set<String> RSA = Set.of("RS256", "RS384", "RS512");
    private static final Map<String, ECParameterSpec> CURVES = Map.of(
            "ES256", named("secp256r1"), "ES384", named("secp384r1"), "ES512", named("secp521r1"));

    private KeyAlgorithms() {
    }

    public static String resolve(PublicKey publicKey, Optional<String> configured, String source) {
        if (publicKey instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new KeyMaterialException(source, "RSA key of " + bits + " bits; " + MIN_RSA_BITS + " to " + MAX_RSA_BITS
                        + " bits required");
            }
            requireStrongExponent(rsa, source);
            String alg = configured.map(String::toUpperCase).orElse("RS256");
            if (!RSA.contains(alg)) {
                throw new KeyMaterialException(source, "broker.key.algorithm " + alg + " does not fit an RSA key (RS256, RS384 or RS512)");
            }
            return alg;
        }
        if (publicKey instanceof ECPublicKey ec) {
            String curveAlg = CURVES.entrySet().stream().filter(curve -> sameCurve(curve.getValue(), ec.getParams()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new KeyMaterialException(source, "EC key on an unsupported curve ("
                            + ec.getParams().getCurve().getField().getFieldSize() + "-bit field, not one of the NIST curves);"
                            + " P-256, P-384 or P-521 required (secp256k1, brainpool and other curves are not JOSE ES256/384/512)"));
            String alg = configured.map(String::toUpperCase).orElse(curveAlg);
            if (!alg.equals(curveAlg)) {
                throw new KeyMaterialException(source, "broker.key.algorithm " + alg + " does not fit this EC key's curve (" + curveAlg + ")");
            }
            return alg;
        }
        throw new KeyMaterialException(source, "unsupported key type " + publicKey.getAlgorithm());
    }

    /**
     * An odd public exponent of at least 65537 (RFC 8017 allows 3, but a small exponent is what the classic
     * signature forgeries and broken-padding attacks exploit; every current generator uses 65537).
     */
    private static void requireStrongExponent(RSAPublicKey rsa, String source) {
        BigInteger e = rsa.getPublicExponent();
        if (e.compareTo(MIN_RSA_EXPONENT) < 0 || !e.testBit(0)) {
            throw new KeyMaterialException(source, "RSA public exponent " + (e.bitLength() <= 64 ? e : "of " + e.bitLength() + " bits")
                    + "; an odd exponent of at least 65537 required");
        }
    }

    /** Field, coefficients, generator, order and cofactor: everything that makes a curve. */
    static boolean sameCurve(ECParameterSpec expected, ECParameterSpec actual) {
        return expected.getCurve().getField().equals(actual.getCurve().getField())
                && expected.getCurve().getA().equals(actual.getCurve().getA())
                && expected.getCurve().getB().equals(actual.getCurve().getB())
                && expected.getGenerator().equals(actual.getGenerator())
                && expected.getOrder().equals(actual.getOrder())
                && expected.getCofactor() == actual.getCofactor();
    }

    private static ECParameterSpec named(String curve) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the EC curve " + curve, e);
        }
    }
}
