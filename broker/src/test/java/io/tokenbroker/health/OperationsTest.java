package io.tokenbroker.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static io.tokenbroker.testsupport.Caller.caller;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.VaultRsaPkcs8;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/** The operational surface: metric names and tags, health groups. */
@QuarkusTest
@TestProfile(VaultRsaPkcs8.class)
class OperationsTest {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    @Test
    void metricsCoverRequestsUpstreamCacheAndKey() {
        StandIns.startCold(okta);
        caller().get("/v1/token").then().statusCode(200);
        caller().get("/v1/token").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("broker_token_requests_total{outcome=\"success\",server=\"default\",source=\"upstream\"}")
                .contains("broker_token_requests_total{outcome=\"success\",server=\"default\",source=\"cache\"}")
                .contains("broker_upstream_requests_total{error=\"none\",outcome=\"success\",server=\"default\"}")
                .contains("broker_upstream_latency_seconds_bucket{outcome=\"success\",server=\"default\"")
                .contains("broker_token_remaining_seconds{scope=\"tokens.read\",server=\"default\"}")
                .contains("broker_key_reads_total{outcome=\"success\",source=\"vault\"}")
                .contains("broker_key_info{algorithm=\"RS256\",kid=\"test-rsa2048\"} 1.0")
                .doesNotContain(vault.rootToken());
    }

    @Test
    void dependenciesAreReportedOutsideReadiness() {
        StandIns.startCold(okta);
        caller().get("/v1/token").then().statusCode(200);
        given().get("/q/health/group/dependencies").then().statusCode(200)
                .body("checks[0].data.okta", equalTo("UP"))
                .body("checks[0].data.key_source_state", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body(not(containsString("okta_consecutive_failures")));
    }
}
