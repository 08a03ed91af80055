package io.tokenbroker.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tokenbroker.key.LocalSigner;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.profiles.DpopAlways;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.VaultResource;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * A DPoP key in Vault KV is re-read like the signing key: after {@code broker.vault.refresh-interval}
 * a rotated key signs the next proofs, and the next token is bound to it.
 */
@QuarkusTest
@TestProfile(DpopAlways.class)
class DpopKeyRotationTest {

    private static final String KV_READ = "/v1/secret/data/" + VaultResource.DPOP_KV_PATH;

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    @Inject
    DpopKeys keys;

    @BeforeEach
    void cold() {
        StandIns.startCold(okta);
    }

    private static JsonPath token() {
        return caller().get("/v1/token").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDpopKeyRotatedInVaultSignsTheNextProofsAfterTheReRead() throws Exception {
        token();
        String oldJkt = Assertions.proofJkt(okta.dpopProofs().get(0));
        // the first token's use of the key may have started a re-read (the clock moved two hours): let it finish
        keys.refreshIfDue().ifPresent(read -> read.await().atMost(Duration.ofSeconds(10)));

        KeyPair next = p384();
        String nextJkt = Thumbprints.of(next.getPublic());
        vault.putSecret(VaultResource.DPOP_KV_PATH, Map.of("private_key", pkcs8Pem(next)));
        long readsBefore = vault.count("GET", KV_READ);

        // not yet due: the key in memory keeps signing and Vault is not asked
        assertThat(keys.refreshIfDue()).isEmpty();
        assertThat(keys.current().await().indefinitely().jkt()).isEqualTo(oldJkt);

        MutableClock.INSTANCE.advance(Duration.ofHours(2));
        okta.reset();
        LocalSigner reread = keys.refreshIfDue().map(read -> read.await().atMost(Duration.ofSeconds(10)))
                .orElseGet(() -> keys.current().await().indefinitely());
        assertThat(reread.jkt()).isEqualTo(nextJkt).isNotEqualTo(oldJkt);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(vault.count("GET", KV_READ)).isEqualTo(readsBefore + 1));

        JsonPath answer = token();
        List<String> proofs = okta.dpopProofs();
        assertThat(proofs).isNotEmpty();
        for (String proof : proofs) {
            assertThat(Assertions.proofJkt(proof)).isEqualTo(nextJkt);
            Object jwk = Assertions.verifyProof(proof).jws().getHeaders().getObjectHeaderValue("jwk");
            assertThat(jwk).isInstanceOfSatisfying(Map.class, map -> assertThat(map).doesNotContainKey("d"));
        }
        var issuerKey = (PublicJsonWebKey) okta.issuer().jwks().getJsonWebKeys().get(0);
        Map<?, ?> cnf = (Map<?, ?>) Assertions.verify(answer.getString("access_token"), issuerKey.getPublicKey()).claims()
                .getClaimValue("cnf");
        assertThat(cnf.get("jkt")).isEqualTo(nextJkt);
    }

    /** The same curve as the profile's DPoP key, so the other DPoP tests (ES384) hold after this one. */
    private static KeyPair p384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return generator.generateKeyPair();
    }

    private static String pkcs8Pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
