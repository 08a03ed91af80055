package io.tokenbroker.key;

import java.security.PublicKey;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The client-authentication key, ready to use: what signs the assertions and the client id they are
 * issued for.
 *
 * @param clientId broker.okta.client-id, else the one stored next to the key
 */
public record SigningKey(JwsSigner signer, String clientId) {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);

    /**
     * From key text: parse, pick the algorithm, settle the kid (configured, else the source's, else
     * the document's, else the RFC 7638 thumbprint with a warning) and the client id (configured,
     * else the source's). Used by the broker's key sources and by the command line, without CDI.
     */
    public static SigningKey fromText(RawKey raw, Optional<char[]> password, Optional<String> algorithm,
            Optional<String> configuredKid, Optional<String> configuredClientId) {
        KeyPairMaterial material = PrivateKeyParser.parse(raw.text(), password, raw.source());
        String alg = KeyAlgorithms.resolve(material.publicKey(), algorithm, raw.source());
        String kid = configuredKid.filter(k -> !k.isBlank())
                .or(() -> raw.kid().filter(k -> !k.isBlank()))
                .or(() -> material.kid().filter(k -> !k.isBlank()))
                .orElseGet(() -> {
                    String thumbprint = Thumbprints.of(material.publicKey());
                    LOG.warnf("%s carries no kid and broker.key.kid is not set: using the RFC 7638 thumbprint %s;"
                            + " Okta must have the public key registered under this kid", raw.source(), thumbprint);
                    return thumbprint;
                });
        String clientId = configuredClientId.filter(c -> !c.isBlank()).or(() -> raw.clientId().filter(c -> !c.isBlank()))
                .orElseThrow(() -> new KeyMaterialException(raw.source(),
                        "no client id: set broker.okta.client-id or store client_id next to the key"));
        return new SigningKey(new LocalSigner(material.privateKey(), material.publicKey(), kid, alg, raw.source()), clientId);
    }

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
