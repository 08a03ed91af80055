package io.tokenbroker.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.server.TokenTargets;
import io.tokenbroker.emulator.OktaEmulator;

/** Steps shared by the tests that run the broker against the stand-ins. */
public final class StandIns {

    private StandIns() {
    }

    /**
     * Waits until the broker is ready (no start-up request still under way) and no token request is under
     * way, then moves the shared clock two hours on so that no cached token is servable, and clears the
     * Okta stand-in's record.
     */
    public static void startCold(OktaEmulator okta) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                RestAssured.given().get("/q/health/ready").then().statusCode(200));
        // a refresh or retry series the previous test left under way would otherwise meet this test's scripted
        // answers and counts (a fresh-clone CI run counted 2 token requests where the test's own fetch makes 3)
        TokenTargets targets = Arc.container().instance(TokenTargets.class).get();
        List<TokenCache> caches = new ArrayList<>(List.of(targets.defaultTarget().cache()));
        targets.named().forEach(target -> caches.add(target.cache()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> caches.stream().noneMatch(TokenCache::fetching));
        MutableClock.INSTANCE.advance(Duration.ofHours(2));
        okta.reset();
    }
}
