package io.tokenbroker.vault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.VaultRuntime;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.TestKey;
import io.tokenbroker.testsupport.vault.VaultStandIn;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.VaultResource;
import io.tokenbroker.emulator.OktaEmulator;

/** Vault failing after start changes nothing for callers; a key rotated in Vault is picked up without restart. */
@QuarkusTest
@TestProfile(VaultRuntime.class)
class VaultAtRuntimeTest {

    private static final Duration PAST_REFRESH_INTERVAL = Duration.ofMinutes(6);

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    @InjectStandIn
    TestKey key;

    private String fetchAndReturnAssertionKid() {
        caller().get("/v1/token").then().statusCode(200);
        return Assertions.header(okta.lastForm().get("client_assertion"), "kid");
    }

    @Test
    void vaultUnavailableKeepsTheKeySigningAndARotatedKeyIsPickedUpWithoutRestart() throws Exception {
        StandIns.startCold(okta);
        assertThat(fetchAndReturnAssertionKid()).isEqualTo("test-rsa2048");

        vault.setMode(VaultStandIn.Mode.SEALED);
        MutableClock.INSTANCE.advance(PAST_REFRESH_INTERVAL);
        StandIns.startCold(okta);
        assertThat(fetchAndReturnAssertionKid()).isEqualTo("test-rsa2048"); // this signing triggers a re-read
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks[0].data.key_refresh_error", containsString("503"))
                .body(not(containsString(VaultResource.KV_PATH))));
        StandIns.startCold(okta);
        assertThat(fetchAndReturnAssertionKid()).isEqualTo("test-rsa2048");

        TestKey next = TestKey.named("p256");
        var nextJwk = next.publicJwk();
        nextJwk.setKeyId("rotated-p256");
        okta.issuer().registerClient(OktaResource.CLIENT_ID, List.of(key.publicJwk(), nextJwk),
                OktaResource.GRANTED);
        vault.putSecret(VaultResource.KV_PATH, Map.of("private_key", next.pkcs8Pem(), "kid", "rotated-p256",
                "client_id", OktaResource.CLIENT_ID));
        vault.setMode(VaultStandIn.Mode.UP);
        MutableClock.INSTANCE.advance(PAST_REFRESH_INTERVAL);
        StandIns.startCold(okta);
        fetchAndReturnAssertionKid(); // triggers the re-read
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks[0].data.algorithm", equalTo("ES256"))); // the rotated key: RSA before

        StandIns.startCold(okta);
        caller().get("/v1/token").then().statusCode(200);
        var assertion = Assertions.verify(okta.lastForm().get("client_assertion"), next.pair().getPublic());
        assertThat(assertion.header("kid")).isEqualTo("rotated-p256");
        assertThat(assertion.header("alg")).isEqualTo("ES256");
    }
}
