package io.tokenbroker.assertion;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.key.SigningKey;

/**
 * Builds RFC 7523 client assertions (private_key_jwt) with smallrye-jwt: iss = sub = client id,
 * aud = the exact token URL, iat/exp from the injected clock, a fresh 256-bit jti, kid and alg
 * in the header. Every subscription signs a new assertion, so a retry never reuses a jti.
 */
@ApplicationScoped
public class ClientAssertionSigner {

    public static final String ASSERTION_TYPE = ClientAssertions.ASSERTION_TYPE;

    private final KeyManager keys;
    private final jakarta.enterprise.inject.Instance<io.tokenbroker.vault.TransitAssertionSigner> transit;
    private final Clock clock;
    private final Duration lifetime;

    ClientAssertionSigner(KeyManager keys, Clock clock, BrokerConfig config,
            jakarta.enterprise.inject.Instance<io.tokenbroker.vault.TransitAssertionSigner> transit) {
        this.transit = transit;
        this.keys = keys;
        this.clock = clock;
        this.lifetime = config.assertion().lifetime();
    }

    /**
     * A lazily signed assertion for {@code audience}; nothing is signed until subscription. A key in
     * memory signs here (on a worker thread); a Transit key is signed by Vault.
     */
    public Uni<SignedAssertion> assertionFor(String audience) {
        return Uni.createFrom().deferred(() -> keys.require()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(key -> key.transit().isPresent()
                        ? transit.get().sign(key, audience, clock.instant(), lifetime)
                        : Uni.createFrom().item(sign(key, audience))));
    }

    SignedAssertion sign(SigningKey key, String audience) {
        return ClientAssertions.sign(key, audience, clock.instant(), lifetime);
    }
}
