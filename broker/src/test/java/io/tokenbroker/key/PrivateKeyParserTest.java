package io.tokenbroker.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.tokenbroker.testsupport.TestKey;

class PrivateKeyParserTest {

    private static final Optional<char[]> NO_PASSWORD = Optional.empty();
    private static final Optional<char[]> PASSWORD = Optional.of(TestKey.PASSWORD.toCharArray());

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "rsa2048, pkcs8", "rsa2048, traditional", "rsa2048, encrypted", "rsa2048, jwk",
            "p256, pkcs8", "p256, traditional", "p256, encrypted", "p256, jwk",
            "p384, pkcs8", "p384, traditional", "p384, encrypted", "p384, jwk",
            "p521, pkcs8", "p521, traditional", "p521, encrypted", "p521, jwk" })
    void everyFormatYieldsTheSameKeyPairAndAlgorithm(String name, String format) throws Exception {
        TestKey key = TestKey.named(name);
        String text = switch (format) {
            case "pkcs8" -> key.pkcs8Pem();
            case "traditional" -> key.traditionalPem();
            case "encrypted" -> key.encryptedPkcs8Pem();
            default -> key.privateJwk(true);
        };
        KeyPairMaterial material = PrivateKeyParser.parse(text, format.equals("encrypted") ? PASSWORD : NO_PASSWORD, "test");

        assertThat(material.publicKey()).isEqualTo(key.pair().getPublic());
        assertThat(KeyAlgorithms.resolve(material.publicKey(), Optional.empty(), "test")).isEqualTo(key.expectedAlgorithm());
        assertThat(material.kid()).isEqualTo(format.equals("jwk") ? Optional.of(key.kid()) : Optional.empty());
        // the parsed private key signs what the original public key verifies
        String jca = name.startsWith("rsa") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(jca);
        signer.initSign(material.privateKey());
        signer.update(new byte[] { 1, 2, 3 });
        Signature verifier = Signature.getInstance(jca);
        verifier.initVerify(key.pair().getPublic());
        verifier.update(new byte[] { 1, 2, 3 });
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void anEncryptedKeyWithoutPasswordSaysWhichSettingIsMissing() {
        assertThatThrownBy(() -> PrivateKeyParser.parse(TestKey.named("p256").encryptedPkcs8Pem(), NO_PASSWORD, "broker.key.file /k.pem"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("broker.key.file /k.pem: ")
                .hasMessageContaining("BROKER_KEY_PASSWORD");
    }

    /**
     * A key claiming more PBKDF2 iterations than the cap is refused before any derivation: the document is
     * encrypted cheaply and then made to claim the count (deriving it would take seconds, and fail).
     */
    @Test
    void anEncryptedKeyClaimingMoreIterationsThanTheCapIsRefusedBeforeDeriving() throws Exception {
        String claiming = withIterationCount(TestKey.named("p256").encryptedPkcs8Pem(), PemDocuments.MAX_PBE_ITERATIONS + 1);
        assertThatThrownBy(() -> PrivateKeyParser.parse(claiming, PASSWORD, "broker.key.file /k.pem"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("broker.key.file /k.pem: ")
                .hasMessageContaining("2000001 PBKDF iterations; at most 2000000");
    }

    @Test
    void anEncryptedKeyWithTheIterationsOwaspSuggestsIsRead() {
        KeyPairMaterial material = PrivateKeyParser.parse(TestKey.named("p256").encryptedPkcs8Pem(600_000), PASSWORD, "src");
        assertThat(material.publicKey()).isEqualTo(TestKey.named("p256").pair().getPublic());
    }

    private static String withIterationCount(String encryptedPem, int iterations) throws Exception {
        PemObject pem = new PemReader(new StringReader(encryptedPem)).readPemObject();
        EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(pem.getContent());
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        var claimed = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2,
                new PBKDF2Params(kdf.getSalt(), iterations, kdf.getPrf())), pbes2.getEncryptionScheme());
        var patched = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, claimed),
                info.getEncryptedData());
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("ENCRYPTED PRIVATE KEY", patched.getEncoded()));
        }
        return out.toString();
    }

    @Test
    void aWrongPasswordIsNamedAsSuch() {
        assertThatThrownBy(() -> PrivateKeyParser.parse(TestKey.named("p256").encryptedPkcs8Pem(),
                Optional.of("wrong".toCharArray()), "src"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("wrong broker.key.password");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "hello", "-----BEGIN PRIVATE KEY-----\nnot base64!!\n-----END PRIVATE KEY-----",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "{\"kty\":\"oct\",\"k\":\"AAAA\"}", "{not json" })
    void garbageFailsWithOneClearMessageNamingTheSource(String text) {
        assertThatThrownBy(() -> PrivateKeyParser.parse(text, NO_PASSWORD, "vault secret/token-broker/okta"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("vault secret/token-broker/okta: ")
                .hasNoCause();
    }

    @Test
    void aPublicOnlyJwkIsRefused() throws Exception {
        String publicJwk = TestKey.named("p256").publicJwk().toJson();
        assertThatThrownBy(() -> PrivateKeyParser.parse(publicJwk, NO_PASSWORD, "src"))
                .hasMessageContaining("only a public key");
    }

    @Test
    void errorMessagesNeverEchoTheKeyMaterial() {
        String pem = TestKey.named("rsa2048").pkcs8Pem();
        String broken = pem.replace("-----END PRIVATE KEY-----", "");
        String body = pem.split("\n")[1];
        assertThatThrownBy(() -> PrivateKeyParser.parse(broken, NO_PASSWORD, "src"))
                .isInstanceOf(KeyMaterialException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body));
    }

    @Test
    void aShortRsaKeyAndAMismatchedAlgorithmAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var weak = generator.generateKeyPair();
        assertThatThrownBy(() -> KeyAlgorithms.resolve(weak.getPublic(), Optional.empty(), "src"))
                .hasMessageContaining("2048 to 8192");
        assertThatThrownBy(() -> KeyAlgorithms.resolve(TestKey.named("p256").pair().getPublic(), Optional.of("ES384"), "src"))
                .hasMessageContaining("ES256");
        assertThatThrownBy(() -> KeyAlgorithms.resolve(TestKey.named("rsa2048").pair().getPublic(), Optional.of("ES256"), "src"))
                .hasMessageContaining("RS256");
        assertThat(KeyAlgorithms.resolve(TestKey.named("rsa2048").pair().getPublic(), Optional.of("rs512"), "src")).isEqualTo("RS512");
    }

    @Test
    void keysWrittenByTheOpensslCliAreRead() throws Exception {
        String encrypted = new String(getClass().getResourceAsStream("/keys/openssl-encrypted-p256.pem").readAllBytes());
        KeyPairMaterial ec = PrivateKeyParser.parse(encrypted, Optional.of("test-only-password".toCharArray()), "src");
        assertThat(KeyAlgorithms.resolve(ec.publicKey(), Optional.empty(), "src")).isEqualTo("ES256");
        String pkcs1 = new String(getClass().getResourceAsStream("/keys/openssl-pkcs1-rsa2048.pem").readAllBytes());
        KeyPairMaterial rsa = PrivateKeyParser.parse(pkcs1, NO_PASSWORD, "src");
        assertThat(KeyAlgorithms.resolve(rsa.publicKey(), Optional.empty(), "src")).isEqualTo("RS256");
    }
}
