package io.tokenbroker.assertion;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
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

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final int JTI_BYTES = 32;

    private final KeyManager keys;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    ClientAssertionSigner(KeyManager keys, Clock clock, BrokerConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.lifetime = config.assertion().lifetime();
    }

    /** A lazily signed assertion for {@code audience}; nothing is signed until subscription. */
    public Uni<SignedAssertion> assertionFor(String audience) {
        return Uni.createFrom().deferred(() -> keys.require()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(key -> sign(key, audience)));
    }

    SignedAssertion sign(SigningKey key, String audience) {
        Instant issuedAt = clock.instant();
        String jwt = Jwt.issuer(key.clientId())
                .subject(key.clientId())
                .audience(audience)
                .issuedAt(issuedAt.getEpochSecond())
                .expiresAt(issuedAt.plus(lifetime).getEpochSecond())
                .claim("jti", newJti())
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
        return new SignedAssertion(jwt, key.clientId(), key.kid());
    }

    private String newJti() {
        byte[] bytes = new byte[JTI_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
