package io.tokenbroker.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tokenbroker.assertion.ClientAssertions;
import io.tokenbroker.assertion.SignedAssertion;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.TestKey;

/**
 * Every key type in every accepted encoding, from raw text to a verified client assertion, without an
 * application start: the algorithm follows the key, the kid follows the documented order (configured,
 * then the source's, then the JWK's, then the RFC 7638 thumbprint), the password reaches the parser.
 * The application tests keep one file-source and one Vault-source run for the wiring.
 */
class KeyFormatsAssertionTest {

    private static final String TOKEN_URL = "https://example.okta.com/oauth2/v1/token";

    @ParameterizedTest(name = "{0} {1}, kid from {2}")
    @CsvSource({
            "rsa2048, pkcs8,       configured",
            "rsa2048, traditional, configured",
            "rsa3072, pkcs8,       source",
            "rsa2048, encrypted,   configured",
            "rsa2048, jwk,         document",
            "p256,    pkcs8,       source",
            "p256,    traditional, configured",
            "p384,    encrypted,   configured",
            "p384,    jwk,         document",
            "p521,    jwk,         thumbprint",
            "p521,    traditional, thumbprint",
    })
    void everyEncodingSignsAVerifiableAssertionWithTheRightAlgorithmAndKid(String keyName, String format, String kidFrom)
            throws Exception {
        TestKey key = TestKey.named(keyName);
        String text = switch (format) {
            case "pkcs8" -> key.pkcs8Pem();
            case "traditional" -> key.traditionalPem();
            case "encrypted" -> key.encryptedPkcs8Pem();
            case "jwk" -> key.privateJwk(!kidFrom.equals("thumbprint"));
            default -> throw new IllegalArgumentException(format);
        };
        Optional<String> configuredKid = kidFrom.equals("configured") ? Optional.of("configured-kid") : Optional.empty();
        Optional<String> sourceKid = kidFrom.equals("source") ? Optional.of("source-kid") : Optional.empty();
        Optional<char[]> password = format.equals("encrypted") ? Optional.of(TestKey.PASSWORD.toCharArray()) : Optional.empty();

        SigningKey signingKey = SigningKey.fromText(new RawKey(text, sourceKid, Optional.empty(), "test " + keyName),
                password, Optional.empty(), configuredKid, Optional.of("0oa-client"));
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        SignedAssertion assertion = ClientAssertions.sign(signingKey, TOKEN_URL, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC),
                Duration.ofMinutes(5)).await().indefinitely();

        String expectedKid = switch (kidFrom) {
            case "configured" -> "configured-kid";
            case "source" -> "source-kid";
            case "document" -> key.kid();
            default -> Thumbprints.of(key.pair().getPublic());
        };
        var verified = Assertions.verify(assertion.jwt(), key.pair().getPublic());
        assertThat(verified.header("alg")).isEqualTo(key.expectedAlgorithm());
        assertThat(verified.header("kid")).isEqualTo(expectedKid).isEqualTo(assertion.kid());
        assertThat(verified.claims().getIssuer()).isEqualTo("0oa-client");
        assertThat(verified.claims().getAudience()).containsExactly(TOKEN_URL);
        assertThat(verified.claims().getExpirationTime().getValue() - verified.claims().getIssuedAt().getValue()).isEqualTo(300);
    }
}
