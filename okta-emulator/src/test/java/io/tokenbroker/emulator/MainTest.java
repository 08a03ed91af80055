package io.tokenbroker.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --key}: the public key of a PEM file, written here the way openssl writes one. */
class MainTest {

    @TempDir
    Path dir;

    private Path pem(String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(dir.resolve(label.replace(' ', '-') + ".pem"),
                "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    void anRsaPkcs8PrivateKeyGivesItsPublicHalf() throws Exception {
        KeyPair pair = rsa();

        assertThat(Main.publicKey(pem("PRIVATE KEY", pair.getPrivate().getEncoded()))).isEqualTo(pair.getPublic());
    }

    @Test
    void anRsaPublicKeyIsReadAsItIs() throws Exception {
        KeyPair pair = rsa();

        assertThat(Main.publicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()))).isEqualTo(pair.getPublic());
    }

    @Test
    void anRsaPublicKeyWhoseBase64HappensToContainEcIsStillReadAsRsa() throws Exception {
        // about one 2048-bit key in ten is like this; two characters set inside the modulus make one for sure
        char[] base64 = Base64.getEncoder().encodeToString(rsa().getPublic().getEncoded()).toCharArray();
        base64[100] = 'E';
        base64[101] = 'C';
        byte[] der = Base64.getDecoder().decode(new String(base64));

        assertThat(Main.publicKey(pem("PUBLIC KEY", der)))
                .isEqualTo(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    }

    @Test
    void anEcPublicKeyIsReadAsItIs() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();

        assertThat(Main.publicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()))).isEqualTo(pair.getPublic());
    }
}
