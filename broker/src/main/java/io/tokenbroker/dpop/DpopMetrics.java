package io.tokenbroker.dpop;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * DPoP activity: proofs signed (by purpose), nonce challenges answered, auto-mode switches and
 * DPoP failures by the server's error code. Never a proof, a nonce or a token.
 */
@ApplicationScoped
public class DpopMetrics {

    /** What a proof or a nonce challenge was for. */
    public enum Purpose {
        TOKEN,
        RESOURCE,
        PROXY;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final String server;

    @jakarta.inject.Inject
    DpopMetrics(MeterRegistry registry) {
        this(registry, "default");
    }

    /** @param server the token target's name, as the {@code server} tag */
    public DpopMetrics(MeterRegistry registry, String server) {
        this.registry = registry;
        this.server = server;
    }

    public void proofSigned(Purpose purpose) {
        Counter.builder("broker.dpop.proofs")
                .description("DPoP proofs signed")
                .tag("purpose", purpose.tag())
                .tag("server", server)
                .register(registry)
                .increment();
    }

    /** A server asked for (another) nonce: the request was or will be repeated with it. */
    public void nonceChallenge(Purpose purpose, boolean retried) {
        Counter.builder("broker.dpop.nonce.challenges")
                .description("use_dpop_nonce answers from the authorization server or a resource server")
                .tag("purpose", purpose.tag())
                .tag("outcome", retried ? "retried" : "given_up")
                .tag("server", server)
                .register(registry)
                .increment();
    }

    public void modeSwitched() {
        Counter.builder("broker.dpop.mode.switches")
                .description("Switches from Bearer to DPoP in auto mode after the server required DPoP")
                .tag("server", server)
                .register(registry)
                .increment();
    }

    public void failure(Purpose purpose, String error) {
        Counter.builder("broker.dpop.failures")
                .description("DPoP-related rejections (invalid_dpop_proof, use_dpop_nonce after a retry, ...)")
                .tag("purpose", purpose.tag())
                .tag("error", error)
                .tag("server", server)
                .register(registry)
                .increment();
    }
}
