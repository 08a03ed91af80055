package io.tokenbroker.key;

import java.security.PublicKey;

/**
 * What every {@link JwsSigner} says about its key, held once: kid, algorithm, public key, its RFC 7638
 * thumbprint and where it came from. Subclasses only sign.
 */
public abstract class AbstractJwsSigner implements JwsSigner {

    private final PublicKey publicKey;
    private final String kid;
    private final String algorithm;
    private final String jkt;
    private final String source;

    protected AbstractJwsSigner(PublicKey publicKey, String kid, String algorithm, String source) {
        this.publicKey = publicKey;
        this.kid = kid;
        this.algorithm = algorithm;
        this.jkt = Thumbprints.of(publicKey);
        this.source = source;
    }

    @Override
    public final String kid() {
        return kid;
    }

    @Override
    public final String algorithm() {
        return algorithm;
    }

    @Override
    public final PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public final String jkt() {
        return jkt;
    }

    @Override
    public final String source() {
        return source;
    }
}
