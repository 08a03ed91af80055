package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tokenbroker.profiles.VaultRsaPkcs8;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

@QuarkusTest
@TestProfile(VaultRsaPkcs8.class)
class SingleFlightTest {

    private static final int CALLERS = 100;

    @InjectStandIn
    OktaEmulator okta;

    @Test
    void hundredConcurrentCallersOnAColdCacheCauseExactlyOneUpstreamRequest() throws Exception {
        StandIns.startCold(okta);
        okta.hold();
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch sent = new CountDownLatch(CALLERS);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                answers.add(pool.submit(() -> {
                    sent.countDown();
                    return caller().queryParam("scope", "tokens.write tokens.read")
                            .get("/v1/token").andReturn();
                }));
            }
            assertThat(okta.awaitFirstRequest()).isTrue();
            assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
            okta.release();

            Set<String> tokens = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                tokens.add(response.path("access_token"));
            }
            assertThat(okta.tokenRequests()).isEqualTo(1);
            assertThat(tokens).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
