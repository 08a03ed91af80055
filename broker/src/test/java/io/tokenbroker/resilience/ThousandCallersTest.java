package io.tokenbroker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tokenbroker.profiles.VaultRsaPkcs8;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/** Single flight under a thousand concurrent callers (default timeouts: a held answer is not a timeout). */
@QuarkusTest
@TestProfile(VaultRsaPkcs8.class)
class ThousandCallersTest {

    @InjectStandIn
    OktaEmulator okta;

    @BeforeEach
    void cold() {
        StandIns.startCold(okta);
    }

    private static Response fetch(String scope) {
        return caller().queryParam("scope", scope).get("/v1/token").andReturn();
    }

    @Test
    void thousandConcurrentCallersCauseOneUpstreamRequestColdAndDuringARefresh() throws Exception {
        okta.hold();
        Thread release = new Thread(() -> {
            try {
                okta.awaitFirstRequest();
                Thread.sleep(300); // let the other callers pile up behind the in-flight request
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            okta.release();
        });
        release.start();
        List<HttpResponse<String>> cold = Callers.call(1000, "tokens.write");
        release.join();
        assertThat(cold).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        assertThat(cold.stream().map(ThousandCallersTest::accessToken).distinct()).hasSize(1);
        assertThat(okta.tokenRequests("tokens.write")).isEqualTo(1);

        // past the refresh point (at most 0.88 × 3540 s) but still servable (3540 s): a refresh starts,
        // and while Okta holds it every caller still gets the cached token at once
        MutableClock.INSTANCE.advance(Duration.ofSeconds(3200));
        okta.hold();
        List<HttpResponse<String>> during = Callers.call(1000, "tokens.write");
        assertThat(during).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        assertThat(during.stream().map(ThousandCallersTest::accessToken).distinct()).hasSize(1);
        assertThat(okta.awaitFirstRequest()).isTrue();
        okta.release();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fetch("tokens.write").<Integer>path("expires_in")).isGreaterThan(3500));
        assertThat(okta.tokenRequests("tokens.write")).isEqualTo(2);
    }


    private static String accessToken(HttpResponse<String> answer) {
        var matcher = java.util.regex.Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
