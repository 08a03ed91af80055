package io.tokenbroker.assertion;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.key.SigningKey;

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
    private final Optional<String> clientId;

    @jakarta.inject.Inject
    ClientAssertionSigner(KeyManager keys, Clock clock, BrokerConfig config) {
        this(keys, clock, config.assertion().lifetime(), Optional.empty());
    }

    /**
     * @param clientId the client id the assertions are issued for instead of the key's: another service app
     *            whose registered key is the same (one key, loaded once, for several apps)
     */
    public ClientAssertionSigner(KeyManager keys, Clock clock, Duration lifetime, Optional<String> clientId) {
        this.keys = keys;
        this.clock = clock;
        this.lifetime = lifetime;
        this.clientId = clientId;
    }

    /**
     * A lazily signed assertion for {@code audience}; nothing is signed until subscription. Signing
     * runs on a worker thread: an in-memory key computes there, a Transit key waits for Vault there.
     */
    public Uni<SignedAssertion> assertionFor(String audience) {
        return Uni.createFrom().deferred(() -> keys.require()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(key -> ClientAssertions.sign(clientId.map(id -> new SigningKey(key.signer(), id)).orElse(key), audience,
                        clock, lifetime)));
    }
}
