package io.tokenbroker.key;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads a private key from text: a JWK (JSON, via jose4j) or a PEM document: PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY} and
 * {@code ENCRYPTED PRIVATE KEY}. An unencrypted PKCS#8 RSA key is read by the JDK; every other PEM
 * document by {@link PemDocuments} (BouncyCastle's PEM reader, because the JDK reads neither PKCS#1,
 * SEC1 nor encrypted PKCS#8). The public half is derived so that the kid thumbprint and a self-check can
 * be computed.
 */
public final class PrivateKeyParser {

    /** An unencrypted PKCS#8 document and nothing else: the one shape the JDK reads by itself. */
    private static final Pattern PLAIN_PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

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
            return plainRsa(trimmed, source).orElseGet(() -> PemDocuments.parse(trimmed, password, source));
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

    /**
     * An unencrypted PKCS#8 RSA key, the usual case, read by the JDK alone: BouncyCastle is not touched
     * (opening its jar and initialising its tables took about a tenth of the broker's start-up CPU).
     * Anything else, or anything the JDK refuses, takes the general path, which says what is wrong.
     */
    private static Optional<KeyPairMaterial> plainRsa(String pem, String source) {
        Matcher document = PLAIN_PKCS8.matcher(pem);
        if (!document.matches()) {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(document.group(1));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return Optional.of(withDerivedPublic(key, source));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static KeyPairMaterial withDerivedPublic(PrivateKey privateKey, String source) {
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
                return PemDocuments.ecPublic(ec);
            }
        } catch (Exception e) {
            throw new KeyMaterialException(source, "cannot derive the public key", e);
        }
        throw new KeyMaterialException(source, "unsupported key type " + privateKey.getAlgorithm()
                + " (RSA with CRT parameters or EC expected)");
    }
}
