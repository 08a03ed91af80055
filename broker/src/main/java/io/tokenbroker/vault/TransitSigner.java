package io.tokenbroker.vault;

import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

import io.quarkus.vault.VaultTransitSecretReactiveEngine;
import io.quarkus.vault.transit.SignVerifyOptions;
import io.quarkus.vault.transit.SigningInput;
import io.quarkus.vault.transit.SigningRequest;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.key.AbstractJwsSigner;
import io.tokenbroker.key.JwsSigner;

/**
 * A {@link JwsSigner} whose private key never leaves Vault: the JWS signing input is sent to
 * transit/sign with the pinned key version, RSASSA-PKCS1-v1_5 for RS* (Vault's default would be PSS)
 * and JWS marshaling (raw R||S) for ES*, the hash matching the algorithm. quarkus-vault sends it as a
 * one-item batch_input.
 */
final class TransitSigner extends AbstractJwsSigner {

    private final VaultTransitSecretReactiveEngine transit;
    private final String keyName;
    private final int version;

    TransitSigner(VaultTransitSecretReactiveEngine transit, String keyName, int version, PublicKey publicKey, String kid,
            String algorithm, String source) {
        super(publicKey, kid, algorithm, source);
        this.transit = transit;
        this.keyName = keyName;
        this.version = version;
    }

    @Override
    public Uni<byte[]> signature(byte[] signingInput) {
        SigningRequest request = new SigningRequest(new SigningInput(signingInput), version);
        return transit.sign(keyName, List.of(request), options(algorithm()))
                .map(results -> jwsSignature(results.get(request), algorithm()));
    }

    static SignVerifyOptions options(String algorithm) {
        SignVerifyOptions options = new SignVerifyOptions().setHashAlgorithm("sha2-" + algorithm.substring(2));
        if (algorithm.startsWith("RS")) {
            options.setSignatureAlgorithm("pkcs1v15");
        } else {
            options.setMarshalingAlgorithm("jws");
        }
        return options;
    }

    /** "vault:vN:&lt;signature&gt;" to the raw signature: base64url for ES* (jws marshaling), base64 for RSA. */
    static byte[] jwsSignature(String vaultSignature, String algorithm) {
        if (vaultSignature == null || !vaultSignature.startsWith("vault:v")) {
            throw new IllegalStateException("Vault answered without a signature");
        }
        String encoded = vaultSignature.substring(vaultSignature.indexOf(':', "vault:".length()) + 1);
        return algorithm.startsWith("ES") ? Base64.getUrlDecoder().decode(encoded) : Base64.getDecoder().decode(encoded);
    }

    @Override
    public String toString() {
        return "TransitSigner[kid=" + kid() + ", alg=" + algorithm() + ", key=" + keyName + " v" + version + "]";
    }
}
