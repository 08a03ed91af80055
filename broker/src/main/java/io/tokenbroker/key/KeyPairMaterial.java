package io.tokenbroker.key;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

/** A parsed private key, its public half, and the kid the document carried, if any. */
public record KeyPairMaterial(PrivateKey privateKey, PublicKey publicKey, Optional<String> kid) {

    @Override
    public String toString() {
        return "KeyPairMaterial[" + publicKey.getAlgorithm() + ", kid=" + kid.orElse("-") + "]";
    }
}
