package io.tokenbroker.startup;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.assertion.ClientAssertions;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.JwsSigner;
import io.tokenbroker.key.LocalSigner;
import io.tokenbroker.okta.OktaTokenClient;

/**
 * Cold-start help: while the key is being read, prepares what the first token request needs anyway, on
 * two worker threads, so that the first token is not delayed by first-use costs. One builds a JWS through
 * smallrye-jwt with a throwaway HMAC key: its first signature (jose4j's set-up, the claims' JSON) took
 * ~150 ms with the JIT cold, after the key had arrived. The other prepares the REST client towards the
 * token endpoint, the JSON writer and the JDK signature providers a JWS is made with. It starts before the
 * other start-up observers, the Vault read among them. Off with {@code broker.startup.warm-up=false}.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final int HMAC_KEY_BYTES = 32;
    private final OktaTokenClient client;
    private final boolean enabled;

    WarmUp(OktaTokenClient client, BrokerConfig config) {
        this.client = client;
        this.enabled = config.startup().warmUp();
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!enabled) {
            return;
        }
        Executor workers = Infrastructure.getDefaultWorkerPool();
        workers.execute(() -> timed("JWS builder", WarmUp::throwawayJws));
        workers.execute(() -> timed("token client", this::prepareClient));
    }

    /**
     * A JWS signed by smallrye-jwt as an assertion is, but with a random HMAC key made for it and dropped:
     * the same builder, claims and jose4j code, none of the broker's keys.
     */
    static String throwawayJws() {
        byte[] secret = new byte[HMAC_KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        return Jwt.claims(Map.of("jti", ClientAssertions.newJti())).jws().algorithm(SignatureAlgorithm.HS256)
                .keyId("warm-up").sign(new SecretKeySpec(secret, "HmacSHA256"));
    }

    private void prepareClient() {
        client.prepare();
        JwsSigner.signingInput(Map.of("alg", "RS256", "kid", "warm-up"), Map.of("jti", "warm-up", "iat", 0L));
        for (String alg : new String[] { "RS256", "ES256" }) {
            try {
                Signature.getInstance(LocalSigner.jcaAlgorithm(alg));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(alg + " has no JDK provider", e);
            }
        }
    }

    private static void timed(String what, Runnable step) {
        long started = System.nanoTime();
        try {
            step.run();
            LOG.debugf("warm-up of the %s done in %d ms", what, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.debugf("warm-up of the %s skipped: %s", what, e.getClass().getSimpleName());
        }
    }
}
