package io.tokenbroker.vault;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.TransitEc;

@QuarkusTest
@TestProfile(TransitEc.class)
class TransitEcSigningTest extends TransitSigningTestBase {

    @Override
    String algorithm() {
        return "ES256";
    }

    /** JWS wants raw R||S, not ASN.1. */
    @Override
    Map<String, String> expectedSignOptions() {
        return Map.of("marshaling_algorithm", "jws", "hash_algorithm", "sha2-256");
    }
}
