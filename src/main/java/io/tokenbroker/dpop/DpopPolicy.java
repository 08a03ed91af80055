package io.tokenbroker.dpop;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.BrokerConfig.DpopMode;

/**
 * Whether token requests carry a DPoP proof: always, never, or in auto mode from the moment the
 * authorization server answered {@code invalid_dpop_proof} to a request without one (the app
 * requires DPoP, as Okta's new API service apps do by default). The switch lasts for the process.
 */
@ApplicationScoped
public class DpopPolicy {

    public static final String USE_NONCE = "use_dpop_nonce";
    public static final String INVALID_PROOF = "invalid_dpop_proof";
    private static final Logger LOG = Logger.getLogger(DpopPolicy.class);

    private final DpopMode mode;
    private final DpopMetrics metrics;
    private final AtomicBoolean required = new AtomicBoolean();

    DpopPolicy(BrokerConfig config, DpopMetrics metrics) {
        this.mode = config.okta().dpop();
        this.metrics = metrics;
    }

    public boolean active() {
        return mode == DpopMode.ALWAYS || (mode == DpopMode.AUTO && required.get());
    }

    public DpopMode mode() {
        return mode;
    }

    /**
     * Reads a rejection of a token request sent without a proof.
     *
     * @return true when the broker switched to DPoP and the request should be repeated with a proof
     */
    public boolean switchesOn(String upstreamError) {
        if (mode != DpopMode.AUTO || !INVALID_PROOF.equals(upstreamError)) {
            return false;
        }
        if (required.compareAndSet(false, true)) {
            metrics.modeSwitched();
            LOG.info("the authorization server requires DPoP for this client: token requests carry DPoP proofs from now on"
                    + " (broker.okta.dpop=auto)");
        }
        return true;
    }
}
