package io.tokenbroker.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.profiles.TransitRotation;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.VaultResource;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * A full Transit rotation while callers keep asking: new version in Vault, its public key registered
 * in Okta, the broker switching after the activation delay without restart, the old key deactivated
 * in Okta — and not one failed caller request.
 *
 * <p>Counts events, not throughput: the callers tag each request with the phase it started in, and
 * the test waits until every phase has served requests, however fast or slow the machine is.
 */
@QuarkusTest
@TestProfile(TransitRotation.class)
class TransitRotationUnderLoadTest {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    /**
     * Moves the clock once no token request is under way: a token fetched before a jump of hours arrives
     * "already too close to expiry" by the moved clock, a failure of the test's time travel, not of the rotation.
     * (Every scope set the callers ask for is then cached: no new fetch starts before the jump.)
     */
    private void jump(Duration by) {
        TokenCache cache = Arc.container().instance(TokenCache.class).get();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !cache.fetching());
        MutableClock.INSTANCE.advance(by);
    }

    @Test
    void aRotationUnderContinuousLoadFailsNoRequest() throws Exception {
        StandIns.startCold(okta);
        var v1 = vault.transitPublicKey(VaultResource.TRANSIT_KEY, 1);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicIntegerArray servedByPhase = new AtomicIntegerArray(Phase.values().length);
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<Thread> callers = java.util.stream.IntStream.range(0, CALLERS).mapToObj(i -> new Thread(() -> {
            String scope = i % 2 == 0 ? "tokens.read" : "tokens.write";
            while (running.get()) {
                Phase startedIn = phase.get();
                var answer = caller().queryParam("scope", scope).get("/v1/token").andReturn();
                if (answer.statusCode() == 200) {
                    servedByPhase.incrementAndGet(startedIn.ordinal());
                } else {
                    failures.merge(answer.statusCode() + " in " + startedIn + ": " + answer.body().asString(), 1, Integer::sum);
                }
            }
        })).toList();
        callers.forEach(Thread::start);
        try {
            awaitServed(servedByPhase, Phase.BEFORE);
            phase.set(Phase.ROTATING);
            // 1. new version in Vault; 2. its public key registered next to the old one
            vault.rotateTransitKey(VaultResource.TRANSIT_KEY);
            var v2 = vault.transitPublicKey(VaultResource.TRANSIT_KEY, 2);
            var oldJwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(v1);
            oldJwk.setKeyId(Thumbprints.of(v1));
            var newJwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(v2);
            newJwk.setKeyId(Thumbprints.of(v2));
            okta.issuer().registerClient(OktaResource.CLIENT_ID, List.of(oldJwk, newJwk), OktaResource.GRANTED);

            // 3. the broker switches once v2 is older than the activation delay and the key is re-read; a re-read
            // is due after 5 min and starts with the next signing: keep moving time and expiring the cached tokens
            // until an assertion signed with v2 reaches Okta (readiness no longer shows the kid: issue 28)
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                jump(Duration.ofMinutes(6));
                jump(Duration.ofHours(2));
                caller().queryParam("scope", "tokens.read tokens.write").get("/v1/token");
                return okta.forms().stream()
                        .anyMatch(form -> Thumbprints.of(v2).equals(Assertions.header(form.get("client_assertion"), "kid")));
            });
            jump(Duration.ofHours(2)); // every cached token expires: new ones are signed with v2
            phase.set(Phase.SWITCHED);
            awaitServed(servedByPhase, Phase.SWITCHED);

            // 4. the old key is deactivated in Okta after the longest token lifetime
            jump(Duration.ofHours(1));
            okta.issuer().registerClient(OktaResource.CLIENT_ID, List.of(newJwk), OktaResource.GRANTED);
            jump(Duration.ofHours(2));
            phase.set(Phase.OLD_KEY_DEACTIVATED);
            awaitServed(servedByPhase, Phase.OLD_KEY_DEACTIVATED);
        } finally {
            running.set(false);
            for (Thread caller : callers) {
                caller.join(30_000);
            }
        }
        assertThat(failures).as("failed caller requests by status").isEmpty();
        for (Phase each : Phase.values()) {
            assertThat(servedByPhase.get(each.ordinal())).as("requests served that started in phase %s", each).isPositive();
        }
        var last = okta.lastForm().get("client_assertion");
        Assertions.verify(last, vault.transitPublicKey(VaultResource.TRANSIT_KEY, 2));
        assertThat(vault.transitSignRequests()).last().satisfies(r -> assertThat(r).containsEntry("key_version", "2"));
    }

    private static final int CALLERS = 4;

    /** Where the rotation is when a caller's request starts. */
    private enum Phase {
        BEFORE, ROTATING, SWITCHED, OLD_KEY_DEACTIVATED
    }

    /** Waits (no deadline tied to machine speed beyond a generous bound) until every caller could have been served in this phase. */
    private static void awaitServed(AtomicIntegerArray servedByPhase, Phase phase) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> servedByPhase.get(phase.ordinal()) >= CALLERS);
    }
}
