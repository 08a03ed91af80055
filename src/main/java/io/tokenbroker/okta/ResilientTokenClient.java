package io.tokenbroker.okta;

import java.time.Duration;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.scope.ScopeSet;

/**
 * A token fetch as the cache wants it: transient failures (connect errors, timeouts, 5xx, 429) are
 * retried with capped exponential backoff and full jitter, never before the rate-limit gate opens,
 * with a bounded number of requests in flight. Rejections are not retried. When the next attempt
 * would have to wait longer than {@code broker.retry.max-backoff} (e.g. a rate-limit reset far
 * ahead), the fetch ends with a 503 whose Retry-After says when.
 */
@ApplicationScoped
public class ResilientTokenClient {

    private static final Logger LOG = Logger.getLogger(ResilientTokenClient.class);

    private final OktaTokenClient client;
    private final RateLimitGate gate;
    private final UpstreamLimiter limiter;
    private final Pause pause;
    private final BrokerConfig.Retry retry;
    private final UpstreamMetrics metrics;
    private final RandomGenerator random = RandomGenerator.getDefault();

    ResilientTokenClient(OktaTokenClient client, RateLimitGate gate, UpstreamLimiter limiter, Pause pause,
            BrokerConfig config, UpstreamMetrics metrics) {
        this.client = client;
        this.gate = gate;
        this.limiter = limiter;
        this.pause = pause;
        this.retry = config.retry();
        this.metrics = metrics;
    }

    public Uni<IssuedToken> fetch(ScopeSet scopes) {
        return attempt(scopes, 1);
    }

    private Uni<IssuedToken> attempt(ScopeSet scopes, int number) {
        return waitForGate()
                .flatMap(ignored -> limiter.run(() -> client.fetch(scopes)))
                .onFailure(UpstreamUnavailableException.class).recoverWithUni(failure -> {
                    if (number >= retry.maxAttempts()) {
                        return Uni.createFrom().failure(failure);
                    }
                    Duration backoff = Backoff.fullJitter(retry.initialBackoff(), retry.maxBackoff(), number, random);
                    Duration gateWait = gate.remaining();
                    Duration delay = gateWait.compareTo(backoff) > 0 ? gateWait : backoff;
                    if (delay.compareTo(retry.maxBackoff()) > 0) {
                        return Uni.createFrom().failure(rateLimited((UpstreamUnavailableException) failure, delay));
                    }
                    LOG.debugf("token request for \"%s\" failed (attempt %d of %d), retrying in %d ms: %s", scopes, number,
                            retry.maxAttempts(), delay.toMillis(), failure.getMessage());
                    metrics.retried();
                    return pause.of(delay).flatMap(ignored -> attempt(scopes, number + 1));
                });
    }

    /** Waits for the rate-limit gate when that is short; fails at once (503, Retry-After) when it is long. */
    private Uni<Void> waitForGate() {
        return Uni.createFrom().deferred(() -> {
            Duration wait = gate.remaining();
            if (wait.compareTo(retry.maxBackoff()) > 0) {
                return Uni.createFrom().failure(new UpstreamUnavailableException(
                        "token requests are paused by the authorization server's rate limit", wait, null));
            }
            return pause.of(wait);
        });
    }

    private static UpstreamUnavailableException rateLimited(UpstreamUnavailableException failure, Duration delay) {
        Duration retryAfter = failure.retryAfter().filter(d -> d.compareTo(delay) > 0).orElse(delay);
        return new UpstreamUnavailableException(failure.description(), retryAfter, failure);
    }
}
