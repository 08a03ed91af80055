package io.tokenbroker.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

class ThumbprintsTest {

    /** RFC 7638 §3.1: the example RSA key and its published SHA-256 thumbprint. */
    @Test
    void matchesTheRfc7638Example() throws Exception {
        String jwk = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
        assertThat(Thumbprints.of(PublicJsonWebKey.Factory.newPublicJwk(jwk).getPublicKey()))
                .isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }
}
