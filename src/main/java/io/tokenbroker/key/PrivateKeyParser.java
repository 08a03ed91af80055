package io.tokenbroker.key;

import java.io.IOException;
import java.io.StringReader;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads a private key from text: a JWK (JSON, via jose4j) or a PEM document (via BouncyCastle's
 * PEM reader, because the JDK reads neither PKCS#1, SEC1 nor encrypted PKCS#8): PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY} and
 * {@code ENCRYPTED PRIVATE KEY}. The public half is derived so that the kid thumbprint and a
 * self-check can be computed.
 */
public final class PrivateKeyParser {

    private static final Set<ASN1ObjectIdentifier> NIST_CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private PrivateKeyParser() {
    }

    /**
     * @param text the document
     * @param password password of an encrypted PEM, if any
     * @param source a human name of where the text came from, used in error messages
     */
    public static KeyPairMaterial parse(String text, Optional<char[]> password, String source) {
        if (text == null || text.isBlank()) {
            throw new KeyMaterialException(source, "the key is empty");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return parseJwk(trimmed, source);
        }
        if (trimmed.startsWith("-----BEGIN")) {
            return parsePem(trimmed, password, source);
        }
        throw new KeyMaterialException(source, "not a PEM document or a JWK (expected '-----BEGIN' or '{')");
    }

    private static KeyPairMaterial parseJwk(String json, String source) {
        JsonWebKey jwk;
        try {
            jwk = JsonWebKey.Factory.newJwk(json);
        } catch (JoseException | RuntimeException e) {
            throw new KeyMaterialException(source, "not a valid JWK", e);
        }
        if (!(jwk instanceof PublicJsonWebKey pair)) {
            throw new KeyMaterialException(source, "JWK kty " + jwk.getKeyType() + " is not RSA or EC");
        }
        if (pair.getPrivateKey() == null) {
            throw new KeyMaterialException(source, "the JWK holds only a public key (no 'd' member)");
        }
        return new KeyPairMaterial(pair.getPrivateKey(), pair.getPublicKey(), Optional.ofNullable(pair.getKeyId()));
    }

    private static KeyPairMaterial parsePem(String pem, Optional<char[]> password, String source) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyMaterialException(source, "unreadable PEM document", e);
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return withDerivedPublic(converter.getPrivateKey(supportedCurve(info, source)), source);
            }
            if (object instanceof PEMKeyPair pair) {
                supportedCurve(pair.getPrivateKeyInfo(), source);
                return fromPair(converter, pair, source);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                char[] secret = requirePassword(password, source);
                return withDerivedPublic(converter.getPrivateKey(supportedCurve(decrypt(encrypted, secret, source), source)), source);
            }
            if (object instanceof PEMEncryptedKeyPair encrypted) {
                char[] secret = requirePassword(password, source);
                PEMKeyPair pair = decrypt(encrypted, secret, source);
                supportedCurve(pair.getPrivateKeyInfo(), source);
                return fromPair(converter, pair, source);
            }
        } catch (KeyMaterialException e) {
            throw e;
        } catch (Exception e) {
            throw new KeyMaterialException(source, "the PEM key cannot be decoded", e);
        }
        String found = object == null ? "nothing" : object.getClass().getSimpleName();
        throw new KeyMaterialException(source, "the PEM document is not a private key (found " + found
                + "); expected PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY");
    }

    /**
     * An EC key names its curve: refuse any but P-256/384/521 before the JCA provider sees it (the JDK
     * may not know the curve at all, which would end in a vague "cannot be decoded"). Keys with
     * explicit curve parameters are checked by {@link KeyAlgorithms} once converted.
     */
    private static PrivateKeyInfo supportedCurve(PrivateKeyInfo info, String source) {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            return info;
        }
        ASN1Encodable parameters = info.getPrivateKeyAlgorithm().getParameters();
        if (parameters instanceof ASN1ObjectIdentifier curve && !NIST_CURVES.contains(curve)) {
            String name = ECNamedCurveTable.getName(curve);
            throw new KeyMaterialException(source, "EC key on the curve " + (name == null ? curve.getId() : name)
                    + "; P-256, P-384 or P-521 required");
        }
        return info;
    }

    /**
     * PBES2 (PBKDF2 + AES, what OpenSSL 3 writes) with the JDK's own providers, so that no JCA
     * provider has to be added (which also keeps the native image simple).
     */
    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password, String source) {
        String scheme;
        javax.crypto.EncryptedPrivateKeyInfo info;
        try {
            info = new javax.crypto.EncryptedPrivateKeyInfo(encrypted.getEncoded());
            scheme = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
        } catch (Exception e) {
            throw new KeyMaterialException(source, "unreadable encrypted PKCS#8 structure", e);
        }
        javax.crypto.Cipher cipher;
        try {
            var key = javax.crypto.SecretKeyFactory.getInstance(scheme).generateSecret(new javax.crypto.spec.PBEKeySpec(password));
            cipher = javax.crypto.Cipher.getInstance(scheme);
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key, info.getAlgParameters());
        } catch (Exception e) {
            throw new KeyMaterialException(source, "unsupported PKCS#8 encryption scheme " + scheme
                    + " (use PBES2 with PBKDF2 and AES, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc)");
        }
        try {
            return PrivateKeyInfo.getInstance(info.getKeySpec(cipher).getEncoded());
        } catch (Exception e) {
            throw new KeyMaterialException(source, "cannot decrypt the encrypted PKCS#8 key: wrong broker.key.password?");
        }
    }

    private static PEMKeyPair decrypt(PEMEncryptedKeyPair encrypted, char[] password, String source) {
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().build(password));
        } catch (Exception e) {
            throw new KeyMaterialException(source, "cannot decrypt the encrypted PEM key: wrong broker.key.password?");
        }
    }

    private static char[] requirePassword(Optional<char[]> password, String source) {
        return password.filter(p -> p.length > 0)
                .orElseThrow(() -> new KeyMaterialException(source,
                        "the key is encrypted but no password is configured (broker.key.password / BROKER_KEY_PASSWORD)"));
    }

    /** PKCS#1 always carries the public key; SEC1 {@code EC PRIVATE KEY} may omit it, then it is derived. */
    private static KeyPairMaterial fromPair(JcaPEMKeyConverter converter, PEMKeyPair pair, String source) throws IOException {
        if (pair.getPublicKeyInfo() == null) {
            return withDerivedPublic(converter.getPrivateKey(pair.getPrivateKeyInfo()), source);
        }
        var keyPair = converter.getKeyPair(pair);
        return new KeyPairMaterial(keyPair.getPrivate(), keyPair.getPublic(), Optional.empty());
    }

    private static KeyPairMaterial withDerivedPublic(PrivateKey privateKey, String source) {
        return new KeyPairMaterial(privateKey, derivePublic(privateKey, source), Optional.empty());
    }

    /** The public key of an RSA CRT key or an EC key (Q = d·G). */
    static PublicKey derivePublic(PrivateKey privateKey, String source) {
        try {
            if (privateKey instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (privateKey instanceof ECPrivateKey ec) {
                ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
                var w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                        q.getAffineYCoord().toBigInteger());
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
            }
        } catch (Exception e) {
            throw new KeyMaterialException(source, "cannot derive the public key", e);
        }
        throw new KeyMaterialException(source, "unsupported key type " + privateKey.getAlgorithm()
                + " (RSA with CRT parameters or EC expected)");
    }
}
