package io.tokenbroker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tokenbroker.profiles.Resilience;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.emulator.OktaEmulator.Fault;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/**
 * Property: across a long randomised schedule of clock jumps and Okta faults, no answer carries a
 * token with less than min-validity (60 s) left, every error has the contract's shape, and no
 * caller waits longer than broker.token.max-wait (8 s in this profile). Bounded: 250 steps.
 * Reproduce a failure with -Dbroker.property.seed=N (the seed is printed).
 */
@QuarkusTest
@TestProfile(Resilience.class)
class RandomFaultScheduleTest {

    private static final int STEPS = 250;
    // max-wait (8 s) plus slack: this catches a caller left waiting for good (no answer until the stand-in's
    // 2 s stall is long over), not a slow machine, so the slack is wide enough for a loaded CI runner
    private static final Duration WAIT_BOUND = Duration.ofSeconds(8 + 22);
    private static final List<String> SCOPE_SETS = List.of("tokens.read", "tokens.write", "tokens.read tokens.write");

    @InjectStandIn
    OktaEmulator okta;

    @Test
    void noNearlyExpiredTokenAndNoCallerWaitingPastTheBound() throws Exception {
        long seed = Long.getLong("broker.property.seed", System.nanoTime());
        System.out.println("RandomFaultScheduleTest seed " + seed);
        Random random = new Random(seed);
        StandIns.startCold(okta);
        Map<String, Integer> outcomes = new TreeMap<>();
        try {
            for (int step = 0; step < STEPS; step++) {
                MutableClock.INSTANCE.advance(Duration.ofSeconds(random.nextInt(600)));
                injectFault(random);
                String scope = SCOPE_SETS.get(random.nextInt(SCOPE_SETS.size()));

                long started = System.nanoTime();
                Response answer = caller().queryParam("scope", scope).get("/v1/token").andReturn();
                Duration waited = Duration.ofNanos(System.nanoTime() - started);

                assertThat(waited).as("step %d (seed %d)", step, seed).isLessThan(WAIT_BOUND);
                outcomes.merge(answer.statusCode() + (answer.statusCode() == 200 ? "" : " " + answer.path("error")), 1, Integer::sum);
                if (answer.statusCode() == 200) {
                    long now = MutableClock.INSTANCE.instant().getEpochSecond();
                    long expiry = expiry(answer.path("access_token"));
                    assertThat(expiry - now).as("real remaining lifetime, step %d (seed %d)", step, seed).isGreaterThanOrEqualTo(60);
                    assertThat(answer.<Integer>path("expires_in")).isGreaterThanOrEqualTo(60);
                } else {
                    assertThat(answer.statusCode()).as("step %d (seed %d)", step, seed).isIn(502, 503);
                    assertThat(answer.<String>path("error")).isIn("upstream_rejected", "temporarily_unavailable");
                    assertThat(answer.<String>path("error_description")).isNotBlank();
                }
            }
        } finally {
            System.out.println("RandomFaultScheduleTest outcomes " + outcomes + ", upstream requests " + okta.tokenRequests());
            okta.reset();
        }
        assertThat(outcomes).containsKey("200");
    }

    private void injectFault(Random random) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            okta.answerNext(500, "{\"error\":\"server_error\",\"error_description\":\"boom\"}");
        } else if (roll < 12) {
            long reset = MutableClock.INSTANCE.instant().getEpochSecond() + random.nextInt(60);
            okta.answerNextWithHeaders(429, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"rate limit\"}",
                    Map.of("X-Rate-Limit-Reset", Long.toString(reset), "X-Rate-Limit-Remaining", "0"));
        } else if (roll < 16) {
            okta.faultNext(Fault.DROP);
        } else if (roll < 20) {
            okta.faultNext(Fault.DROP_MID_RESPONSE);
        } else if (roll < 22) {
            okta.faultNext(Fault.SLOW);
        } else if (roll < 24) {
            okta.answerNext(401, "{\"error\":\"invalid_client\",\"error_description\":\"nope\"}");
        } else if (roll < 30) {
            okta.down(true);
        } else if (roll < 45) {
            okta.down(false);
        }
    }

    private static long expiry(String jwt) throws Exception {
        var jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(jwt);
        return JwtClaims.parse(jws.getUnverifiedPayload()).getExpirationTime().getValue();
    }
}
