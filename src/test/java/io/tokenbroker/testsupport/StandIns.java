package io.tokenbroker.testsupport;

import java.time.Duration;

import org.awaitility.Awaitility;

import io.restassured.RestAssured;

import io.tokenbroker.testsupport.okta.OktaStandIn;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/** What a test talks to besides the broker: the Vault and Okta stand-ins and the key in use. */
public record StandIns(VaultStandIn vault, OktaStandIn okta, TestKey key, String clientId) {

    /**
     * Waits until the broker is ready (no start-up request still under way), then moves the shared
     * clock two hours on so that no cached token is servable, and clears the Okta stand-in's record.
     */
    public void startCold() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                RestAssured.given().get("/q/health/ready").then().statusCode(200));
        MutableClock.INSTANCE.advance(Duration.ofHours(2));
        okta.reset();
    }
}
