package io.tokenbroker.key;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPublicKeySpec;
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

/**
 * The PEM documents the JDK cannot read alone (PKCS#1, SEC1, encrypted PKCS#8 and PEM, PKCS#8 EC keys), read
 * with BouncyCastle, and the EC point arithmetic that derives a public key. A class of its own so that a
 * broker whose key is a plain PKCS#8 RSA key never loads a BouncyCastle class: opening BouncyCastle's jar and
 * initialising its tables took about a tenth of the start-up CPU (BENCHMARKS.md, "Start-up profile").
 */
final class PemDocuments {

    /**
     * Encrypted keys are derived anew at every re-read (broker.vault.refresh-interval): a count far beyond any
     * realistic one (OpenSSL writes 2,048; OWASP suggests 600,000 for PBKDF2-SHA256, 1,300,000 for SHA-1)
     * would cost seconds of CPU per read, 50 M about 26 s.
     */
    static final int MAX_PBE_ITERATIONS = 2_000_000;
    private static final Set<ASN1ObjectIdentifier> NIST_CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private PemDocuments() {
    }

    static KeyPairMaterial parse(String pem, Optional<char[]> password, String source) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyMaterialException(source, "unreadable PEM document", e);
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return PrivateKeyParser.withDerivedPublic(converter.getPrivateKey(supportedCurve(info, source)), source);
            }
            if (object instanceof PEMKeyPair pair) {
                supportedCurve(pair.getPrivateKeyInfo(), source);
                return fromPair(converter, pair, source);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                char[] secret = requirePassword(password, source);
                return PrivateKeyParser.withDerivedPublic(converter.getPrivateKey(supportedCurve(decrypt(encrypted, secret, source), source)), source);
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
        boundedIterations(info, scheme, source);
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

    /** Refuses an iteration count above {@link #MAX_PBE_ITERATIONS} before any key is derived with it. */
    private static void boundedIterations(javax.crypto.EncryptedPrivateKeyInfo info, String scheme, String source) {
        int iterations;
        try {
            iterations = info.getAlgParameters().getParameterSpec(javax.crypto.spec.PBEParameterSpec.class).getIterationCount();
        } catch (Exception e) {
            throw new KeyMaterialException(source, "unsupported PKCS#8 encryption scheme " + scheme
                    + " (use PBES2 with PBKDF2 and AES, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc)");
        }
        if (iterations > MAX_PBE_ITERATIONS) {
            throw new KeyMaterialException(source, "the encrypted key asks for " + iterations + " PBKDF iterations; at most "
                    + MAX_PBE_ITERATIONS + " are accepted (re-encrypt it, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 600000)");
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
            return PrivateKeyParser.withDerivedPublic(converter.getPrivateKey(pair.getPrivateKeyInfo()), source);
        }
        var keyPair = converter.getKeyPair(pair);
        return new KeyPairMaterial(keyPair.getPrivate(), keyPair.getPublic(), Optional.empty());
    }

    /** Q = d·G. */
    static PublicKey ecPublic(ECPrivateKey ec) throws GeneralSecurityException {
        ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
        var w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
    }
}
