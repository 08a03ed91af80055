package io.tokenbroker.dpop;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.BrokerConfig.DpopMode;

/**
 * Whether token requests carry a DPoP proof: always, never, or in auto mode from the moment the
 * authorization server answered a request without one that a proof is required: Okta's
 * {@code invalid_dpop_proof} ("The DPoP proof JWT header is missing", as new API service apps
 * answer by default), or an {@code invalid_request} that names DPoP (Keycloak: "DPoP proof is
 * missing"). The switch lasts for the process.
 */
@ApplicationScoped
public class DpopPolicy {

    public static final String USE_NONCE = "use_dpop_nonce";
    public static final String INVALID_PROOF = "invalid_dpop_proof";
    private static final Logger LOG = Logger.getLogger(DpopPolicy.class);

    private final DpopMode mode;
    private final DpopMetrics metrics;
    private final AtomicBoolean required = new AtomicBoolean();

    @jakarta.inject.Inject
    DpopPolicy(BrokerConfig config, DpopMetrics metrics) {
        this(config.okta().dpop(), metrics);
    }

    private DpopPolicy(DpopMode mode, DpopMetrics metrics) {
        this.mode = mode;
        this.metrics = metrics;
    }

    /** A named server's policy: its own mode, and its own switch in auto mode. */
    public static DpopPolicy of(DpopMode mode, DpopMetrics metrics) {
        return new DpopPolicy(mode, metrics);
    }

    /** Never sends a proof and never switches (the command line's {@code token get}). */
    public static DpopPolicy bearerOnly() {
        return new DpopPolicy(DpopMode.NEVER, null);
    }

    /**
     * Whether a rejection of a request sent without a proof says the client must use DPoP.
     *
     * @param description the server's error description (only searched for "DPoP")
     */
    public static boolean requiresDpop(String upstreamError, String description) {
        return INVALID_PROOF.equals(upstreamError)
                || ("invalid_request".equals(upstreamError) && description != null
                        && description.toLowerCase(java.util.Locale.ROOT).contains("dpop"));
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
     * @param description the server's error description (only searched for "DPoP")
     *
     * @return true when the broker switched to DPoP and the request should be repeated with a proof
     */
    public boolean switchesOn(String upstreamError, String description) {
        if (mode != DpopMode.AUTO || !requiresDpop(upstreamError, description)) {
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
