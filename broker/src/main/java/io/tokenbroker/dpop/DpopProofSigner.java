package io.tokenbroker.dpop;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.dpop.DpopMetrics.Purpose;
import io.tokenbroker.key.LocalSigner;

/**
 * Signs DPoP proofs with the broker's DPoP key: for token requests (htm POST, htu the token URL, the
 * token server's latest nonce) and for callers' resource requests (with {@code ath}, and the
 * resource server's nonce as the caller passed it back or as the proxy last saw it). Every proof
 * gets its own jti and the current iat.
 */
@ApplicationScoped
public class DpopProofSigner {

    private final DpopKeys keys;
    private final DpopNonces nonces;
    private final Clock clock;
    private final DpopMetrics metrics;

    public DpopProofSigner(DpopKeys keys, DpopNonces nonces, Clock clock, DpopMetrics metrics) {
        this.keys = keys;
        this.nonces = nonces;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A proof for {@code POST tokenUrl}, signed at subscription, on a worker thread (like the assertion). */
    public Uni<DpopProof> forTokenRequest(String tokenUrl) {
        return keys.current().emitOn(Infrastructure.getDefaultWorkerPool()).map(key -> {
            Optional<String> nonce = nonces.forServer(Htu.origin(tokenUrl));
            String jwt = DpopProofs.sign(key, "POST", tokenUrl, clock.instant(), nonce, Optional.empty());
            metrics.proofSigned(Purpose.TOKEN);
            return new DpopProof(jwt, key, nonce);
        });
    }

    /** The DPoP metrics of this signer's server. */
    public DpopMetrics metrics() {
        return metrics;
    }

    /**
     * Keeps a resource server's DPoP-Nonce for this signer's next proofs to its origin (see {@link DpopNonces#observe}).
     *
     * @return true when it is a nonce not held before
     */
    public boolean observeNonce(String origin, String nonce) {
        return nonces.observe(origin, nonce);
    }

    /**
     * A proof for a request to a resource server carrying {@code accessToken}, which must be bound to
     * {@code key}.
     *
     * @param nonce the resource server's nonce from the caller; when empty, the latest one seen for its origin
     */
    public DpopProof forResource(LocalSigner key, String method, String url, String accessToken, Optional<String> nonce,
            Purpose purpose) {
        Optional<String> effective = nonce.filter(n -> !n.isBlank()).or(() -> nonces.forServer(Htu.origin(url)));
        String jwt = DpopProofs.sign(key, method, url, clock.instant(), effective, Optional.of(accessToken));
        metrics.proofSigned(purpose);
        return new DpopProof(jwt, key, effective);
    }
}
