package io.tokenbroker.bench;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.assertion.ClientAssertions;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.key.LocalSigner;
import io.tokenbroker.key.SigningKey;
import io.tokenbroker.profiles.TransitRsa;
import io.tokenbroker.testsupport.TestKey;

/**
 * On demand (tag "bench", bench/transit/run.sh): the cost of one client assertion signed by Vault
 * Transit through quarkus-vault (against the loopback Vault stand-in) next to one signed in memory.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(TransitRsa.class)
class TransitRoundTripBench {

    private static final int WARM_UP = 200;
    private static final int ROUNDS = 2000;
    private static final Clock CLOCK = Clock.systemUTC();

    @Inject
    KeyManager keys;

    @Test
    void transitVersusInMemorySigning() {
        SigningKey transitKey = keys.require().await().atMost(Duration.ofSeconds(30));
        var pair = TestKey.named("rsa2048").pair();
        SigningKey local = new SigningKey(new LocalSigner(pair.getPrivate(), pair.getPublic(), "bench", "RS256", "memory"), "0oa-bench");
        for (int i = 0; i < WARM_UP; i++) {
            ClientAssertions.sign(transitKey, "https://example.okta.com/oauth2/v1/token", CLOCK, Duration.ofMinutes(5)).await().indefinitely();
            ClientAssertions.sign(local, "https://example.okta.com/oauth2/v1/token", CLOCK, Duration.ofMinutes(5)).await().indefinitely();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            ClientAssertions.sign(transitKey, "https://example.okta.com/oauth2/v1/token", CLOCK, Duration.ofMinutes(5)).await().indefinitely();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            ClientAssertions.sign(local, "https://example.okta.com/oauth2/v1/token", CLOCK, Duration.ofMinutes(5)).await().indefinitely();
        }
        long t2 = System.nanoTime();
        System.out.printf("TRANSIT-BENCH rounds=%d transit_us=%.0f memory_us=%.0f%n", ROUNDS, (t1 - t0) / 1e3 / ROUNDS,
                (t2 - t1) / 1e3 / ROUNDS);
    }
}
