package io.tokenbroker.okta;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Backoff;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.scope.ScopeSet;

/**
 * A token fetch as the cache wants it: transient failures (connect errors, timeouts, 5xx, 429) are
 * retried on the {@link Backoff#tokenRequests token-request backoff}, with a bounded number of
 * requests in flight. Rejections are not retried. A rate limit's Retry-After is the earliest moment of
 * the next attempt; when that is further ahead than {@code broker.retry.max-backoff} (e.g. a reset far
 * ahead), the fetch ends at once with the 503 whose Retry-After says when.
 *
 * <p>Not Mutiny's {@code retry().withBackOff()}: that waits on Mutiny's own timer and jitter, and the
 * broker's waits must come from the injected {@link Pause} (tests move a clock instead of sleeping).
 */
@ApplicationScoped
public class ResilientTokenClient {

    private static final Logger LOG = Logger.getLogger(ResilientTokenClient.class);

    private final OktaTokenClient client;
    private final UpstreamLimiter limiter;
    private final Pause pause;
    private final Backoff backoff;
    private final int maxAttempts;
    private final UpstreamMetrics metrics;

    @Inject
    ResilientTokenClient(OktaTokenClient client, UpstreamLimiter limiter, Pause pause, BrokerConfig config,
            UpstreamMetrics metrics) {
        this(client, limiter, pause, Backoff.tokenRequests(config.retry()), config.retry().maxAttempts(), metrics);
    }

    ResilientTokenClient(OktaTokenClient client, UpstreamLimiter limiter, Pause pause, Backoff backoff, int maxAttempts,
            UpstreamMetrics metrics) {
        this.client = client;
        this.limiter = limiter;
        this.pause = pause;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
    }

    public Uni<IssuedToken> fetch(ScopeSet scopes) {
        return attempt(scopes, 1);
    }

    private Uni<IssuedToken> attempt(ScopeSet scopes, int number) {
        return limiter.run(() -> client.fetch(scopes))
                .onFailure(UpstreamUnavailableException.class).recoverWithUni(failure -> {
                    Duration delay = failure instanceof RateLimitedException limited
                            ? backoff.after(number, limited)
                            : backoff.after(number);
                    if (number >= maxAttempts || delay.compareTo(backoff.max()) > 0) {
                        return Uni.createFrom().failure(failure);
                    }
                    LOG.debugf("token request for \"%s\" failed (attempt %d of %d), retrying in %d ms: %s", scopes, number,
                            maxAttempts, delay.toMillis(), failure.getMessage());
                    metrics.retried();
                    return pause.of(delay).flatMap(ignored -> attempt(scopes, number + 1));
                });
    }
}
