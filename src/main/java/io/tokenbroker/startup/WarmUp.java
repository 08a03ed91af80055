package io.tokenbroker.startup;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.JwsSigner;
import io.tokenbroker.key.LocalSigner;
import io.tokenbroker.okta.OktaTokenClient;

/**
 * Cold-start help: while the key is being read, prepares what the first token request needs anyway
 * (the REST client towards the token endpoint, the JSON writer and the JDK signature providers a JWS
 * is made with), on a worker thread,
 * so that the first token is not delayed by class loading. Off with {@code broker.startup.warm-up=false}.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
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
                JwsSigner.signingInput(Map.of("alg", "RS256", "kid", "warm-up"), Map.of("jti", "warm-up", "iat", 0L));
                for (String alg : new String[] { "RS256", "ES256" }) {
                    Signature.getInstance(LocalSigner.jcaAlgorithm(alg));
                }
                LOG.debugf("warm-up done in %d ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | GeneralSecurityException e) {
                LOG.debugf("warm-up skipped: %s", e.getClass().getSimpleName());
            }
        });
    }
}
