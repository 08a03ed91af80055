package io.tokenbroker.okta;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.DpopNonces;
import io.tokenbroker.dpop.DpopPolicy;

/**
 * The broker's token request path wired without CDI, for the command line's {@code token get}: a fresh
 * assertion per attempt, the answer checks of {@link TokenAnswers}, retries with backoff and the
 * rate-limit gate of {@link ResilientTokenClient}, all with the broker's settings. Bearer only: a DPoP
 * token would be useless without the broker's proof key, so no proof is ever sent.
 */
public final class StandaloneTokenClient {

    private StandaloneTokenClient() {
    }

    public static ResilientTokenClient bearerOnly(BrokerConfig config, TokenEndpoint endpoint,
            OktaTokenClient.AssertionSource assertions, TokenTransport transport, Clock clock, Pause pause) {
        RateLimitGate gate = new RateLimitGate(clock, pause, config.okta().rateLimitReserve(), config.retry().maxBackoff());
        // metrics nobody scrapes: the same code path, counted into a registry of its own
        UpstreamMetrics metrics = new UpstreamMetrics(new SimpleMeterRegistry());
        OktaTokenClient client = new OktaTokenClient(endpoint, assertions, clock, new ObjectMapper(), metrics, gate,
                new OktaTokenClient.Dpop(DpopPolicy.bearerOnly(), null, new DpopNonces(), null), transport, ended -> {
                });
        return new ResilientTokenClient(client, new UpstreamLimiter(1), pause, config, metrics);
    }
}
