package io.tokenbroker.devissuer;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * DPoP at the dev issuer's token endpoint, as Okta does it: "Require DPoP" per app (here: for all
 * clients), a server nonce that proofs must carry (400 {@code use_dpop_nonce} with a
 * {@code DPoP-Nonce} header otherwise) and that rotates, and the proof checks of {@link DevDpopVerifier}.
 */
public class DevTokenDpop {

    private final DevDpopVerifier verifier;
    private final String tokenUrl;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean required;
    private volatile boolean nonceRequired;
    private volatile String nonce;

    DevTokenDpop(Clock clock, String tokenUrl) {
        this.verifier = new DevDpopVerifier(clock);
        this.tokenUrl = tokenUrl;
        this.nonce = newNonce();
    }

    /** A token request without a proof is refused with invalid_dpop_proof (Okta's "Require DPoP header"). */
    public void require(boolean isRequired) {
        this.required = isRequired;
    }

    /** Proofs must carry the current server nonce. */
    public void requireNonce(boolean isRequired) {
        this.nonceRequired = isRequired;
    }

    /** Issues a new nonce (Okta rotates them); proofs with the previous one are answered use_dpop_nonce. */
    public String rotateNonce() {
        nonce = newNonce();
        return nonce;
    }

    /** The outcome for one token request: the refusal, or the thumbprint the token is bound to (null: Bearer). */
    record Check(DevIssuerAnswer refusal, String jkt) {
    }

    Check check(String proof) {
        if (proof == null) {
            return new Check(required ? DevIssuerAnswer.error(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.")
                    : null, null);
        }
        DevDpopVerifier.Verified verified;
        try {
            verified = verifier.verify(proof, "POST", tokenUrl, null);
        } catch (DevDpopVerifier.Invalid e) {
            return new Check(DevIssuerAnswer.error(400, "invalid_dpop_proof", e.getMessage()), null);
        }
        String current = nonce;
        if (nonceRequired && !current.equals(verified.nonce())) {
            return new Check(DevIssuerAnswer.error(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")
                    .withHeader("DPoP-Nonce", current), null);
        }
        return new Check(null, verified.jkt());
    }

    private String newNonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
