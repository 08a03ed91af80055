package io.tokenbroker.dpop;

import java.util.Optional;

import io.tokenbroker.key.LocalSigner;

/**
 * A signed proof for one request, with the key that signed it and the nonce it carries.
 * Never prints the proof.
 */
public record DpopProof(String jwt, LocalSigner key, Optional<String> nonce) {

    @Override
    public String toString() {
        return "DpopProof[jkt=" + key.jkt() + ", nonce=" + nonce.isPresent() + "]";
    }
}
