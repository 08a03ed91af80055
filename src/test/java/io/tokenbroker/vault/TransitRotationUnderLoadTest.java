package io.tokenbroker.vault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.profiles.TransitRotation;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.InjectStandIns;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.StandInsResource;

/**
 * A full Transit rotation while callers keep asking: new version in Vault, its public key registered
 * in Okta, the broker switching after the activation delay without restart, the old key deactivated
 * in Okta — and not one failed caller request.
 */
@QuarkusTest
@TestProfile(TransitRotation.class)
class TransitRotationUnderLoadTest {

    @InjectStandIns
    StandIns standIns;

    @Test
    void aRotationUnderContinuousLoadFailsNoRequest() throws Exception {
        standIns.startCold();
        var okta = standIns.okta();
        var vault = standIns.vault();
        var v1 = vault.transitPublicKey(StandInsResource.TRANSIT_KEY, 1);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        Map<Integer, Integer> failures = new ConcurrentHashMap<>();
        List<Thread> callers = java.util.stream.IntStream.range(0, 4).mapToObj(i -> new Thread(() -> {
            String scope = i % 2 == 0 ? "tokens.read" : "tokens.write";
            while (running.get()) {
                int status = given().header("X-Token-Broker", "1").queryParam("scope", scope).get("/v1/token").statusCode();
                if (status == 200) {
                    served.incrementAndGet();
                } else {
                    failures.merge(status, 1, Integer::sum);
                }
            }
        })).toList();
        callers.forEach(Thread::start);
        try {
            // 1. new version in Vault; 2. its public key registered next to the old one
            vault.rotateTransitKey(StandInsResource.TRANSIT_KEY);
            var v2 = vault.transitPublicKey(StandInsResource.TRANSIT_KEY, 2);
            var oldJwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(v1);
            oldJwk.setKeyId(Thumbprints.of(v1));
            var newJwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(v2);
            newJwk.setKeyId(Thumbprints.of(v2));
            okta.issuer().registerClient(StandInsResource.CLIENT_ID, List.of(oldJwk, newJwk), StandInsResource.GRANTED);

            // 3. the broker switches once v2 is older than the activation delay and the key is re-read; a re-read
            // is due after 5 min and starts with the next signing: keep moving time and expiring the cached tokens
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                MutableClock.INSTANCE.advance(Duration.ofMinutes(6));
                MutableClock.INSTANCE.advance(Duration.ofHours(2));
                given().header("X-Token-Broker", "1").queryParam("scope", "tokens.read tokens.write").get("/v1/token");
                return Thumbprints.of(v2).equals(given().get("/q/health/ready").then().extract().path("checks[0].data.kid"));
            });
            MutableClock.INSTANCE.advance(Duration.ofHours(2)); // every cached token expires: new ones are signed with v2
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> okta.forms().stream()
                    .anyMatch(form -> Thumbprints.of(v2).equals(Assertions.header(form.get("client_assertion"), "kid"))));

            // 4. the old key is deactivated in Okta after the longest token lifetime
            MutableClock.INSTANCE.advance(Duration.ofHours(1));
            okta.issuer().registerClient(StandInsResource.CLIENT_ID, List.of(newJwk), StandInsResource.GRANTED);
            MutableClock.INSTANCE.advance(Duration.ofHours(2));
            int before = served.get();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> served.get() > before + 50);
        } finally {
            running.set(false);
            for (Thread caller : callers) {
                caller.join(30_000);
            }
        }
        assertThat(failures).as("failed caller requests by status").isEmpty();
        assertThat(served.get()).isGreaterThan(100);
        var last = okta.lastForm().get("client_assertion");
        Assertions.verify(last, vault.transitPublicKey(StandInsResource.TRANSIT_KEY, 2));
        assertThat(vault.transitSignRequests()).last().satisfies(r -> assertThat(r).containsEntry("key_version", "2"));
    }
}
