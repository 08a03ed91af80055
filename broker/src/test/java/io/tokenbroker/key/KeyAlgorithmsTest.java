package io.tokenbroker.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyAlgorithmsTest {

    /** BouncyCastle as a local provider only (never registered): it knows curves the JDK has dropped. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static PublicKey ecKey(String curve, boolean bouncyCastle) throws Exception {
        KeyPairGenerator generator = bouncyCastle ? KeyPairGenerator.getInstance("EC", BC) : KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair().getPublic();
    }

    /** An RSA public key of exactly {@code bits} bits, without the cost of generating one of 8 kbit. */
    private static RSAPublicKey rsaOf(int bits) {
        return rsaOf(bits, BigInteger.valueOf(65537));
    }

    private static RSAPublicKey rsaOf(int bits, BigInteger exponent) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).setBit(0);
        return new RSAPublicKey() {
            @Override
            public BigInteger getModulus() {
                return modulus;
            }

            @Override
            public BigInteger getPublicExponent() {
                return exponent;
            }

            @Override
            public String getAlgorithm() {
                return "RSA";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                return new byte[0];
            }
        };
    }

    @ParameterizedTest(name = "{0} (BouncyCastle: {1}) is {2}")
    @CsvSource({ "secp256r1, false, ES256", "secp384r1, false, ES384", "secp521r1, false, ES512",
            "secp256r1, true, ES256", "secp384r1, true, ES384", "secp521r1, true, ES512" })
    void theNistCurvesGetTheirAlgorithm(String curve, boolean bouncyCastle, String algorithm) throws Exception {
        assertThat(KeyAlgorithms.resolve(ecKey(curve, bouncyCastle), Optional.empty(), "test")).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @ValueSource(strings = { "secp256k1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "secp224r1" })
    void anyOtherCurveIsRefusedEvenWithTheSameFieldSize(String curve) throws Exception {
        PublicKey key = ecKey(curve, true);
        assertThatThrownBy(() -> KeyAlgorithms.resolve(key, Optional.empty(), "test"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("unsupported curve")
                .hasMessageContaining("P-256, P-384 or P-521");
        assertThatThrownBy(() -> KeyAlgorithms.resolve(key, Optional.of("ES256"), "test")).isInstanceOf(KeyMaterialException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = { 2048, 3072, 4096, 8192 })
    void rsaFrom2048To8192BitsIsAccepted(int bits) {
        assertThat(KeyAlgorithms.resolve(rsaOf(bits), Optional.empty(), "test")).isEqualTo("RS256");
    }

    @ParameterizedTest
    @ValueSource(ints = { 1024, 2047, 8193, 16384 })
    void rsaOutside2048To8192BitsIsRefused(int bits) {
        assertThatThrownBy(() -> KeyAlgorithms.resolve(rsaOf(bits), Optional.empty(), "test"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining(bits + " bits")
                .hasMessageContaining("2048 to 8192");
    }

    @ParameterizedTest
    @ValueSource(strings = { "secp256k1", "brainpoolP256r1" })
    void aPemKeyOnAnotherCurveIsRefusedNamingTheCurve(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curve));
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PrivateKeyParser.parse(pem, Optional.empty(), "test"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining(curve)
                .hasMessageContaining("P-256, P-384 or P-521");
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 3, 17, 257, 65535, 65538, 4294967296L })
    void anRsaKeyWithASmallOrEvenPublicExponentIsRefused(long exponent) {
        assertThatThrownBy(() -> KeyAlgorithms.resolve(rsaOf(2048, BigInteger.valueOf(exponent)), Optional.empty(), "test"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("exponent " + exponent)
                .hasMessageContaining("at least 65537");
    }

    @ParameterizedTest
    @ValueSource(longs = { 65537, 65539, 4294967297L })
    void anOddPublicExponentOfAtLeast65537IsAccepted(long exponent) {
        assertThat(KeyAlgorithms.resolve(rsaOf(2048, BigInteger.valueOf(exponent)), Optional.empty(), "test")).isEqualTo("RS256");
    }

    /** The review's key: e = 3, in each form a file or a Vault secret may hold it. */
    @Test
    void anRsaKeyWithExponentThreeIsRefusedFromPkcs8Pkcs1AndJwk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(3)));
        KeyPair weak = generator.generateKeyPair();
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                weak.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        StringWriter pkcs1 = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pkcs1)) {
            writer.writeObject(weak.getPrivate());
        }
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(weak.getPublic());
        jwk.setPrivateKey(weak.getPrivate());

        for (String text : List.of(pkcs8, pkcs1.toString(), jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))) {
            RawKey raw = new RawKey(text, Optional.of("kid"), Optional.of("client"), "broker.key.file /keys/weak");
            assertThatThrownBy(() -> SigningKey.fromText(raw, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                    .isInstanceOf(KeyMaterialException.class)
                    .hasMessageContaining("broker.key.file /keys/weak")
                    .hasMessageContaining("RSA public exponent 3; an odd exponent of at least 65537 required");
        }
    }
}
