package io.tokenbroker.okta;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.DpopMetrics;
import io.tokenbroker.dpop.DpopNonces;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.dpop.DpopProofSigner;

/**
 * The token request path of a named server, wired as CDI wires the default target's: its own endpoint,
 * assertions, DPoP state and metrics; the limits of its endpoint; the broker's retry settings.
 */
public final class TokenClients {

    private TokenClients() {
    }

    /** The DPoP collaborators of one server. */
    public record ServerDpop(DpopPolicy policy, DpopProofSigner proofs, DpopNonces nonces, DpopMetrics metrics) {
    }

    public static ResilientTokenClient forServer(BrokerConfig config, TokenEndpoint endpoint,
            OktaTokenClient.AssertionSource assertions, EndpointLimits limits, ServerDpop dpop, UpstreamMetrics metrics,
            Clock clock, Pause pause, ObjectMapper mapper) {
        OktaTokenClient client = new OktaTokenClient(endpoint, assertions, clock, mapper, metrics, limits.gate(),
                new OktaTokenClient.Dpop(dpop.policy(), dpop.proofs(), dpop.nonces(), dpop.metrics()),
                new RestTokenTransport(endpoint, config), ended -> {
                });
        return new ResilientTokenClient(client, limits.limiter(), pause, config, metrics);
    }
}
