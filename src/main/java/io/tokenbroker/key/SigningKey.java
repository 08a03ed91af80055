package io.tokenbroker.key;

import java.security.PublicKey;

/**
 * The client-authentication key, ready to use: what signs the assertions and the client id they are
 * issued for.
 *
 * @param clientId broker.okta.client-id, else the one stored next to the key
 */
public record SigningKey(JwsSigner signer, String clientId) {

    public String kid() {
        return signer.kid();
    }

    public String algorithm() {
        return signer.algorithm();
    }

    public PublicKey publicKey() {
        return signer.publicKey();
    }

    /** Human description of where it came from (e.g. {@code vault secret/token-broker/okta}). */
    public String source() {
        return signer.source();
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid() + ", alg=" + algorithm() + ", clientId=" + clientId + ", source=" + source() + "]";
    }
}
