package io.tokenbroker.key;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.util.Set;

/** Chooses and checks the JWS algorithm for a key: RS256/384/512 for RSA, ES256/384/512 for P-256/384/521. */
public final class KeyAlgorithms {

    static final int MIN_RSA_BITS = 2048;
    private static final Set<String> RSA = Set.of("RS256", "RS384", "RS512");

    private KeyAlgorithms() {
    }

    public static String resolve(PublicKey publicKey, Optional<String> configured, String source) {
        if (publicKey instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new KeyMaterialException(source, "RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " required");
            }
            String alg = configured.map(String::toUpperCase).orElse("RS256");
            if (!RSA.contains(alg)) {
                throw new KeyMaterialException(source, "broker.key.algorithm " + alg + " does not fit an RSA key (RS256, RS384 or RS512)");
            }
            return alg;
        }
        if (publicKey instanceof ECPublicKey ec) {
            String curveAlg = switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> "ES256";
                case 384 -> "ES384";
                case 521 -> "ES512";
                default -> throw new KeyMaterialException(source, "EC curve of "
                        + ec.getParams().getCurve().getField().getFieldSize() + " bits; P-256, P-384 or P-521 required");
            };
            String alg = configured.map(String::toUpperCase).orElse(curveAlg);
            if (!alg.equals(curveAlg)) {
                throw new KeyMaterialException(source, "broker.key.algorithm " + alg + " does not fit this EC key's curve (" + curveAlg + ")");
            }
            return alg;
        }
        throw new KeyMaterialException(source, "unsupported key type " + publicKey.getAlgorithm());
    }
}
