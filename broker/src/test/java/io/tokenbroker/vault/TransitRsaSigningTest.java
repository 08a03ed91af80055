package io.tokenbroker.vault;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.TransitRsa;

@QuarkusTest
@TestProfile(TransitRsa.class)
class TransitRsaSigningTest extends TransitSigningTestBase {

    @Override
    String algorithm() {
        return "RS256";
    }

    /** Okta's RS256 is PKCS#1 v1.5: Vault's default (PSS) would not verify. */
    @Override
    Map<String, String> expectedSignOptions() {
        return Map.of("signature_algorithm", "pkcs1v15", "hash_algorithm", "sha2-256");
    }
}
