package io.tokenbroker.key;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The key the broker signs client assertions with, ready to use.
 *
 * @param source human description of where it came from (e.g. {@code vault secret/token-broker/okta})
 * @param clientId the client id assertions are issued for: broker.okta.client-id, else the key source's
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String kid, String algorithm,
        String clientId, String source) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + ", clientId=" + clientId + ", source=" + source + "]";
    }
}
