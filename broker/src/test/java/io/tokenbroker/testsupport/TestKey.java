package io.tokenbroker.testsupport;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A test key pair in every encoding the broker accepts. Generated once per JVM per type.
 */
public final class TestKey {

    public static final String PASSWORD = "correct horse battery staple";

    private static final java.util.Map<String, TestKey> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final String name;
    private final KeyPair pair;
    private final String kid;

    private TestKey(String name, KeyPair pair) {
        this.name = name;
        this.pair = pair;
        this.kid = "test-" + name;
    }

    /** {@code rsa2048}, {@code rsa3072}, {@code p256}, {@code p384}, {@code p521}. */
    public static TestKey named(String name) {
        return CACHE.computeIfAbsent(name, TestKey::generate);
    }

    private static TestKey generate(String name) {
        try {
            KeyPairGenerator generator;
            if (name.startsWith("rsa")) {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(Integer.parseInt(name.substring(3)));
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp" + name.substring(1) + "r1"));
            }
            return new TestKey(name, generator.generateKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public KeyPair pair() {
        return pair;
    }

    public String kid() {
        return kid;
    }

    public String expectedAlgorithm() {
        return switch (name) {
            case "p256" -> "ES256";
            case "p384" -> "ES384";
            case "p521" -> "ES512";
            default -> "RS256";
        };
    }

    /** Public JWK carrying {@link #kid()}, as registered at the authorization server. */
    public PublicJsonWebKey publicJwk() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setKeyId(kid);
            return jwk;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Private JWK (with kid unless {@code withKid} is false). */
    public String privateJwk(boolean withKid) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
            if (withKid) {
                jwk.setKeyId(kid);
            }
            return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 {@code PRIVATE KEY}. */
    public String pkcs8Pem() {
        return pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    /**
     * PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY} as OpenSSL writes them (SEC1 with
     * the curve parameters and the public key, which a JDK key's own encoding leaves out).
     */
    public String traditionalPem() {
        if (!(pair.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec)) {
            return pem(pair.getPrivate());
        }
        try {
            var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(ec.getEncoded());
            var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            var publicBits = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded())
                    .getPublicKeyData();
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), inner.getKey(),
                    publicBits, info.getPrivateKeyAlgorithm().getParameters());
            return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ENCRYPTED PRIVATE KEY} (PBES2, AES-256-CBC) under {@link #PASSWORD}. */
    public String encryptedPkcs8Pem() {
        return encryptedPkcs8Pem(2048);
    }

    /** {@code ENCRYPTED PRIVATE KEY} (PBES2 with {@code iterations} of PBKDF2, AES-256-CBC) under {@link #PASSWORD}. */
    public String encryptedPkcs8Pem(int iterations) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .setIterationCount(iterations)
                    .setPassword(PASSWORD.toCharArray()).build();
            return pem(new JcaPKCS8Generator(pair.getPrivate(), encryptor).generate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
