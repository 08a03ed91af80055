package io.tokenbroker.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Optional;

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
