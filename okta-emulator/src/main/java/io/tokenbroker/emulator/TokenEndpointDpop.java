package io.tokenbroker.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * DPoP at the stand-in's token endpoint, the way Okta does it: "Require DPoP header in token requests"
 * (here for every client), a server nonce proofs must carry (400 {@code use_dpop_nonce} with a
 * {@code DPoP-Nonce} header otherwise) that rotates, and the proof checks of {@link DpopProofCheck}.
 */
public final class TokenEndpointDpop {

    private final DpopProofCheck proofs;
    private final String tokenUrl;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean required;
    private volatile boolean nonceRequired;
    private volatile String nonce;

    TokenEndpointDpop(Clock clock, String tokenUrl) {
        this.proofs = new DpopProofCheck(clock);
        this.tokenUrl = tokenUrl;
        this.nonce = newNonce();
    }

    /** A token request without a proof is refused with invalid_dpop_proof. */
    public void require(boolean isRequired) {
        this.required = isRequired;
    }

    /** Proofs must carry the current server nonce. */
    public void requireNonce(boolean isRequired) {
        this.nonceRequired = isRequired;
    }

    /** A new nonce (Okta rotates them): proofs with the previous one get use_dpop_nonce. */
    public String rotateNonce() {
        nonce = newNonce();
        return nonce;
    }

    /** The outcome for one token request: a refusal, or the key thumbprint to bind the token to (null: Bearer). */
    record Outcome(OktaAnswer refusal, String jkt) {
    }

    Outcome check(String proof) {
        if (proof == null) {
            return new Outcome(required ? OktaAnswer.error(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.")
                    : null, null);
        }
        DpopProofCheck.Passed passed;
        try {
            passed = proofs.check(proof, "POST", tokenUrl, null);
        } catch (DpopProofCheck.Refused e) {
            return new Outcome(OktaAnswer.error(400, "invalid_dpop_proof", e.getMessage()), null);
        }
        String current = nonce;
        if (nonceRequired && !current.equals(passed.nonce())) {
            return new Outcome(OktaAnswer.error(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")
                    .withHeader("DPoP-Nonce", current), null);
        }
        return new Outcome(null, passed.jkt());
    }

    private String newNonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
