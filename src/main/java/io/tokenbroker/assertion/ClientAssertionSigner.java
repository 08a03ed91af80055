package io.tokenbroker.assertion;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.KeyManager;

/**
 * Client assertions (private_key_jwt) signed with the key the {@link KeyManager} holds, in memory or
 * in Vault Transit alike. Every subscription signs a new assertion, so a retry never reuses a jti.
 */
@ApplicationScoped
public class ClientAssertionSigner {

    public static final String ASSERTION_TYPE = ClientAssertions.ASSERTION_TYPE;

    private final KeyManager keys;
    private final Clock clock;
    private final Duration lifetime;

    ClientAssertionSigner(KeyManager keys, Clock clock, BrokerConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.lifetime = config.assertion().lifetime();
    }

    /**
     * A lazily signed assertion for {@code audience}; nothing is signed until subscription. Signing
     * runs on a worker thread: an in-memory key computes there, a Transit key waits for Vault there.
     */
    public Uni<SignedAssertion> assertionFor(String audience) {
        return Uni.createFrom().deferred(() -> keys.require()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(key -> ClientAssertions.sign(key, audience, clock, lifetime)));
    }
}
