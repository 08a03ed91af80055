package io.tokenbroker.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.VaultDownAtStart;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.vault.VaultStandIn;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.emulator.OktaEmulator;

/** Vault down at start: not ready and 503; Vault back: ready and serving, without a restart. */
@QuarkusTest
@TestProfile(VaultDownAtStart.class)
class VaultDownAtStartTest {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;


    @Test
    void notReadyAndUnavailableWhileVaultIsDownThenServingOnceItIsBack() throws Exception {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.key_error", containsString("Vault"));
        given().get("/q/health/live").then().statusCode(200);

        MutableClock.INSTANCE.advance(Duration.ofSeconds(5)); // past the on-demand interval: this caller retries Vault
        caller().get("/v1/token").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"))
                .body("error_description", containsString("signing key not loaded"));
        assertThat(okta.tokenRequests()).isZero();

        vault.setMode(VaultStandIn.Mode.UP);
        // A background retry sent before Vault came back may still be under way, and a caller who asks
        // meanwhile shares its outcome (a 503, as above): the broker serves once a read sent after the
        // recovery ends, the caller's own (on demand, once the interval has passed) or the background's.
        List<String> unexpected = new CopyOnWriteArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MutableClock.INSTANCE.advance(Duration.ofSeconds(5));
            Response answer = caller().get("/v1/token");
            boolean stillUnavailable = answer.statusCode() == 503
                    && "temporarily_unavailable".equals(answer.jsonPath().getString("error"));
            if (answer.statusCode() != 200 && !stillUnavailable) {
                unexpected.add(answer.statusCode() + " " + answer.asString());
            }
            answer.then().statusCode(200).body("token_type", equalTo("Bearer"));
        });
        assertThat(unexpected).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}
