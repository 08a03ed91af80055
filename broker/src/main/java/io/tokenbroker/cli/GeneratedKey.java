package io.tokenbroker.cli;

import java.io.StringWriter;
import java.security.AlgorithmParameters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

import io.tokenbroker.key.Thumbprints;

/**
 * A new signing key pair and every encoding the setup needs: public JWKS for Okta (kty, alg,
 * use=sig, kid, base64url members), private JWK, PKCS#8 PEM, PKCS#1 PEM (RSA, for Terraform's okta
 * provider), public PEM and an encrypted PKCS#8 (PBES2, AES-256-CBC).
 */
public record GeneratedKey(KeyPair pair, String algorithm, String kid) {

    private static final Map<String, String> CURVES = Map.of("ES256", "secp256r1", "ES384", "secp384r1", "ES512", "secp521r1");
    private static final int PBKDF2_ITERATIONS = 600_000;

    public static GeneratedKey generate(String algorithm, Integer bits, String kid) {
        String alg = algorithm.toUpperCase();
        try {
            KeyPairGenerator generator;
            if (alg.startsWith("RS")) {
                int size = bits == null ? 2048 : bits;
                if (!(size == 2048 || size == 3072 || size == 4096)) {
                    throw new IllegalArgumentException("--bits must be 2048, 3072 or 4096");
                }
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(size);
            } else if (CURVES.containsKey(alg)) {
                if (bits != null) {
                    throw new IllegalArgumentException("--bits applies to RSA only; " + alg + " fixes the curve");
                }
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(CURVES.get(alg)));
            } else {
                throw new IllegalArgumentException("--alg must be RS256, RS384, RS512, ES256, ES384 or ES512");
            }
            if (alg.startsWith("RS") && !(alg.equals("RS256") || alg.equals("RS384") || alg.equals("RS512"))) {
                throw new IllegalArgumentException("--alg must be RS256, RS384, RS512, ES256, ES384 or ES512");
            }
            KeyPair pair = generator.generateKeyPair();
            return new GeneratedKey(pair, alg, kid == null || kid.isBlank() ? Thumbprints.of(pair.getPublic()) : kid);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
    }

    public boolean rsa() {
        return algorithm.startsWith("RS");
    }

    public PublicJsonWebKey publicJwk() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setKeyId(kid);
            jwk.setAlgorithm(algorithm);
            jwk.setUse("sig");
            return jwk;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicJwks() {
        return new JsonWebKeySet(publicJwk()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public String privateJwk() {
        PublicJsonWebKey jwk = publicJwk();
        jwk.setPrivateKey(pair.getPrivate());
        return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    public String pkcs8Pem() {
        return pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    /** PKCS#1 {@code RSA PRIVATE KEY}. */
    public String pkcs1Pem() {
        if (!rsa()) {
            throw new IllegalStateException("PKCS#1 is an RSA format");
        }
        return pem(pair.getPrivate());
    }

    public String publicPem() {
        return pem(new PemObject("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    /** PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with the JDK's own providers. */
    public String encryptedPkcs8Pem(char[] password) {
        try {
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            SecureRandom random = new SecureRandom();
            random.nextBytes(salt);
            random.nextBytes(iv);
            String scheme = "PBEWithHmacSHA256AndAES_256";
            var key = SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(password));
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, PBKDF2_ITERATIONS, new IvParameterSpec(iv)));
            byte[] encrypted = cipher.doFinal(pair.getPrivate().getEncoded());
            AlgorithmParameters parameters = cipher.getParameters();
            // the JDK encrypts PBES2 but cannot name it in an EncryptedPrivateKeyInfo: BouncyCastle's ASN.1 types do
            var pbes2 = org.bouncycastle.asn1.pkcs.PBES2Parameters.getInstance(parameters.getEncoded());
            byte[] der = new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(
                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBES2, pbes2),
                    encrypted).getEncoded();
            return pem(new PemObject("ENCRYPTED PRIVATE KEY", der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot encrypt the key", e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PemObject pemObject ? (org.bouncycastle.util.io.pem.PemObjectGenerator) () -> pemObject : object);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "GeneratedKey[" + algorithm + ", kid=" + kid + ", public=" + Base64.getEncoder().encodeToString(
                pair.getPublic().getEncoded()).substring(0, 16) + "…]";
    }
}
