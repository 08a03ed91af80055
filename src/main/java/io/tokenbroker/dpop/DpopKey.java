package io.tokenbroker.dpop;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The key pair DPoP proofs are signed with; separate from the client-authentication key and never
 * exported. Tokens obtained with it are bound to its thumbprint ({@code cnf.jkt}).
 *
 * @param jkt the RFC 7638 SHA-256 thumbprint of the public key, as servers put it in {@code cnf.jkt}
 * @param source where it came from, for logs ({@code generated} or a Vault path)
 */
public record DpopKey(PrivateKey privateKey, PublicKey publicKey, String algorithm, String jkt, String source) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "DpopKey[alg=" + algorithm + ", jkt=" + jkt + ", source=" + source + "]";
    }
}
