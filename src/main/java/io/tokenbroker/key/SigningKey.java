package io.tokenbroker.key;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The key the broker signs client assertions with, ready to use.
 *
 * @param source human description of where it came from (e.g. {@code vault secret/token-broker/okta})
 * @param clientId the client id assertions are issued for: broker.okta.client-id, else the key source's
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String kid, String algorithm,
        String clientId, String source, Optional<TransitRef> transit) {

    /** A key held in memory. */
    public SigningKey(PrivateKey privateKey, PublicKey publicKey, String kid, String algorithm, String clientId, String source) {
        this(privateKey, publicKey, kid, algorithm, clientId, source, Optional.empty());
    }

    /** A key that never leaves Vault: Transit key name and the pinned version that signs. */
    public record TransitRef(String key, int version) {
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + ", clientId=" + clientId + ", source=" + source + "]";
    }
}
