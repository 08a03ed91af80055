package io.tokenbroker.key;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.tokenbroker.config.BrokerConfig;

/** Turns raw key material into a {@link SigningKey}: parse, pick the algorithm, settle the kid. */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final BrokerConfig.Key config;
    private final Optional<String> configuredClientId;

    SigningKeys(BrokerConfig config) {
        this.config = config.key();
        this.configuredClientId = config.okta().clientId().filter(c -> !c.isBlank());
    }

    public SigningKey from(RawKey raw) {
        return assemble(raw, config.password().map(String::toCharArray), config.algorithm(), config.kid(), configuredClientId);
    }

    /**
     * Parse, pick the algorithm, settle the kid (configured, else the source's, else the document's,
     * else the RFC 7638 thumbprint with a warning) and the client id (configured, else the source's).
     * Also used by the command line, without CDI.
     */
    public static SigningKey assemble(RawKey raw, Optional<char[]> password, Optional<String> algorithm,
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
}
