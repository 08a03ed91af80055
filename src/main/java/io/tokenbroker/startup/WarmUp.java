package io.tokenbroker.startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.okta.OktaTokenClient;

/**
 * Cold-start help: while the key is being read, prepares what the first token request needs anyway
 * (the REST client towards the token endpoint, smallrye-jwt's signing classes), on a worker thread,
 * so that the first token is not delayed by class loading. Off with {@code broker.startup.warm-up=false}.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    /** A throwaway HMAC secret: only exercises the signing code path, signs nothing that leaves the process. */
    private static final String SECRET = "token-broker-warm-up-secret-0123456789abcdef";

    private final OktaTokenClient client;
    private final boolean enabled;

    WarmUp(OktaTokenClient client, BrokerConfig config) {
        this.client = client;
        this.enabled = config.startup().warmUp();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            long started = System.nanoTime();
            try {
                client.prepare();
                Jwt.issuer("warm-up").subject("warm-up").audience("warm-up").claim("jti", "warm-up")
                        .jws().keyId("warm-up").algorithm(SignatureAlgorithm.HS256).signWithSecret(SECRET);
                LOG.debugf("warm-up done in %d ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.debugf("warm-up skipped: %s", e.getClass().getSimpleName());
            }
        });
    }
}
