package io.tokenbroker.okta;

import java.time.Clock;

import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;

/**
 * What limits the requests to one token endpoint: Okta's rate-limit headers ({@link RateLimitGate}), the
 * requests in flight ({@link UpstreamLimiter}) and the upstream budget ({@link UpstreamBudget}). Okta counts
 * each endpoint on its own, so each endpoint has one of these, shared by the servers (service apps) that
 * use it and by nobody else: a server that is rate-limited or has spent its budget costs no other endpoint
 * a request.
 */
public record EndpointLimits(RateLimitGate gate, UpstreamLimiter limiter, UpstreamBudget budget) {

    /** Fresh limits for an endpoint only named servers use, with the broker's settings and this budget. */
    public static EndpointLimits of(BrokerConfig config, Clock clock, Pause pause, int requestsPerMinute) {
        return new EndpointLimits(new RateLimitGate(clock, pause, config.okta().rateLimitReserve(), config.retry().maxBackoff()),
                new UpstreamLimiter(config.okta().maxConcurrentRequests()), new UpstreamBudget(clock, requestsPerMinute));
    }
}
