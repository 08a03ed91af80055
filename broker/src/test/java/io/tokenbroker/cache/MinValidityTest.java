package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tokenbroker.profiles.VaultRsaPkcs8;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/** Moves the injected clock through a token's life: no answer ever has less than min-validity (60 s) left. */
@QuarkusTest
@TestProfile(VaultRsaPkcs8.class)
class MinValidityTest {

    @InjectStandIn
    OktaEmulator okta;

    @Test
    void aTokenWithLessThanMinValidityLeftIsNeverReturned() throws Exception {
        StandIns.startCold(okta);
        Response first = fetch();
        String firstToken = first.path("access_token");
        long firstExpiry = expiry(firstToken);
        assertThat(okta.tokenRequests()).isEqualTo(1);

        // a walk across the token's lifetime, just around the min-validity boundary (3600 - 60 = 3540 s)
        long[] steps = { 600, 1200, 1000, 600, 100, 30, 9, 1, 1, 1, 1, 1, 1, 100, 1500, 2000 };
        for (long step : steps) {
            MutableClock.INSTANCE.advance(Duration.ofSeconds(step));
            Response response = fetch();
            long now = MutableClock.INSTANCE.instant().getEpochSecond();
            long realExpiry = expiry(response.path("access_token"));
            assertThat(realExpiry - now).as("real remaining lifetime after +%ds", step).isGreaterThanOrEqualTo(60);
            assertThat(((Number) response.path("expires_in")).longValue()).isGreaterThanOrEqualTo(60);
            assertThat(((Number) response.path("expires_at")).longValue()).isLessThanOrEqualTo(realExpiry);
        }
        // the first token stopped being served once fewer than 60 s were left: a later one replaced it
        long now = MutableClock.INSTANCE.instant().getEpochSecond();
        assertThat(now).isGreaterThan(firstExpiry - 60);
        assertThat(fetch().<String>path("access_token")).isNotEqualTo(firstToken);
        assertThat(okta.tokenRequests()).isGreaterThanOrEqualTo(2);
    }

    private static Response fetch() {
        Response response = caller().get("/v1/token").andReturn();
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static long expiry(String jwt) throws Exception {
        var jws = (org.jose4j.jws.JsonWebSignature) JsonWebStructure.fromCompactSerialization(jwt);
        return JwtClaims.parse(jws.getUnverifiedPayload()).getExpirationTime().getValue();
    }
}
