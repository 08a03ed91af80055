package io.tokenbroker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static io.tokenbroker.testsupport.Caller.caller;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tokenbroker.profiles.Resilience;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.RecordingPause;
import io.tokenbroker.emulator.OktaEmulator.Fault;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/** The token endpoint misbehaving in every way the resilience issue lists. */
@QuarkusTest
@TestProfile(Resilience.class)
class UpstreamFaultsTest {

    @InjectStandIn
    OktaEmulator okta;

    @Inject
    RecordingPause pause;

    @BeforeEach
    void cold() {
        StandIns.startCold(okta);
        pause.clear();
    }

    private static Response fetch(String scope) {
        var request = caller();
        return (scope == null ? request : request.queryParam("scope", scope)).get("/v1/token").andReturn();
    }

    @Test
    void twoServerErrorsThenSuccessAreRetriedWithGrowingJitteredBackoff() {
        okta.answerNext(500, "{\"error\":\"server_error\",\"error_description\":\"try later\"}");
        okta.answerNext(502, "<html>bad gateway</html>");
        fetch(null).then().statusCode(200);
        assertThat(okta.tokenRequests()).isEqualTo(3);
        List<Duration> waits = pause.pauses();
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(250));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(500));
    }

    @Test
    void aRateLimitResetThirtySecondsAheadStopsEveryAttemptUntilThen() {
        long reset = MutableClock.INSTANCE.instant().getEpochSecond() + 30;
        okta.answerNextWithHeaders(429, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many requests.\"}",
                Map.of("X-Rate-Limit-Limit", "600", "X-Rate-Limit-Remaining", "0", "X-Rate-Limit-Reset", Long.toString(reset)));
        Response limited = fetch(null);
        assertThat(limited.statusCode()).isEqualTo(503);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(29, 30);

        MutableClock.INSTANCE.advance(Duration.ofSeconds(20));
        fetch("tokens.write").then().statusCode(503).body("error", equalTo("temporarily_unavailable"));
        fetch(null).then().statusCode(503);
        assertThat(okta.tokenRequests()).isEqualTo(1);

        MutableClock.INSTANCE.advance(Duration.ofSeconds(11));
        fetch(null).then().statusCode(200);
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aConnectionDroppedMidResponseIsRetried() {
        okta.faultNext(Fault.DROP_MID_RESPONSE);
        fetch(null).then().statusCode(200);
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aConnectionClosedWithoutAnswerIsRetried() {
        okta.faultNext(Fault.DROP);
        fetch(null).then().statusCode(200);
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aSlowOktaPastTheReadTimeoutIsRetried() {
        okta.faultNext(Fault.SLOW);
        fetch(null).then().statusCode(200);
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void invalidClientIsRememberedSoACallerStormCausesNoFurtherRequests() throws Exception {
        okta.answerNext(401, "{\"error\":\"invalid_client\",\"error_description\":\"The client_assertion signature is invalid.\"}");
        fetch(null).then().statusCode(502).body("error", equalTo("upstream_rejected"))
                .body("error_description", containsString("invalid_client"));
        List<HttpResponse<String>> storm = Callers.call(200, null);
        assertThat(storm).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).contains("invalid_client");
        });
        assertThat(okta.tokenRequests()).isEqualTo(1);

        MutableClock.INSTANCE.advance(Duration.ofSeconds(31));
        fetch(null).then().statusCode(200);
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void oktaDownLongerThanATokenLifetimeServesUntilMinValidityThenRecoversByItself() {
        String token = fetch(null).then().statusCode(200).extract().path("access_token");
        okta.down(true);
        int attemptsBefore = okta.tokenRequests();

        for (int elapsed = 0; elapsed < 3540 - 300; elapsed += 300) {
            MutableClock.INSTANCE.advance(Duration.ofSeconds(300));
            Response served = fetch(null);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.<String>path("access_token")).isEqualTo(token);
            assertThat(served.<Integer>path("expires_in")).isGreaterThanOrEqualTo(60);
        }
        MutableClock.INSTANCE.advance(Duration.ofSeconds(400)); // now fewer than 60 s would be left
        Response unavailable = fetch(null);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        int retryAfter = Integer.parseInt(unavailable.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        // background refreshes were attempted, but not one per caller
        assertThat(okta.tokenRequests() - attemptsBefore).isBetween(1, 40);

        okta.down(false);
        MutableClock.INSTANCE.advance(Duration.ofSeconds(retryAfter));
        Response recovered = fetch(null);
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.<String>path("access_token")).isNotEqualTo(token);
    }
}
