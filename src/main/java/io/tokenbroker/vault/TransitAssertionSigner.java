package io.tokenbroker.vault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vault.VaultTransitSecretReactiveEngine;
import io.quarkus.vault.transit.SignVerifyOptions;
import io.quarkus.vault.transit.SigningInput;
import io.quarkus.vault.transit.SigningRequest;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.assertion.SignedAssertion;
import io.tokenbroker.key.SigningKey;

/**
 * Signs client assertions with Vault's Transit engine (the key never leaves Vault): the JWS signing
 * input is sent to transit/sign with the pinned key version, RSASSA-PKCS1-v1_5 for RS* (Vault's
 * default would be PSS) and JWS marshaling (raw R||S) for ES*, the hash matching the algorithm.
 * quarkus-vault sends it as a one-item batch_input.
 */
@ApplicationScoped
public class TransitAssertionSigner {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Instance<VaultTransitSecretReactiveEngine> transit;
    private final ObjectMapper mapper;

    TransitAssertionSigner(Instance<VaultTransitSecretReactiveEngine> transit, ObjectMapper mapper) {
        this.transit = transit;
        this.mapper = mapper;
    }

    public Uni<SignedAssertion> sign(SigningKey key, String audience, Instant issuedAt, Duration lifetime) {
        SigningKey.TransitRef ref = key.transit().orElseThrow();
        String signingInput = encode(header(key)) + "." + encode(claims(key, audience, issuedAt, lifetime));
        SigningRequest request = new SigningRequest(new SigningInput(signingInput.getBytes(StandardCharsets.US_ASCII)), ref.version());
        return transit.get().sign(ref.key(), List.of(request), options(key.algorithm()))
                .map(results -> new SignedAssertion(signingInput + "." + jwsSignature(results.get(request), key.algorithm()),
                        key.clientId(), key.kid()));
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

    /** "vault:vN:&lt;signature&gt;" to the JWS signature: base64url for ES* (jws marshaling), base64 for RSA. */
    static String jwsSignature(String vaultSignature, String algorithm) {
        if (vaultSignature == null || !vaultSignature.startsWith("vault:v")) {
            throw new IllegalStateException("Vault answered without a signature");
        }
        String encoded = vaultSignature.substring(vaultSignature.indexOf(':', "vault:".length()) + 1);
        byte[] raw = algorithm.startsWith("ES") ? Base64.getUrlDecoder().decode(encoded) : Base64.getDecoder().decode(encoded);
        return B64URL.encodeToString(raw);
    }

    private static Map<String, Object> header(SigningKey key) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kid", key.kid());
        header.put("typ", "JWT");
        header.put("alg", key.algorithm());
        return header;
    }

    private static Map<String, Object> claims(SigningKey key, String audience, Instant issuedAt, Duration lifetime) {
        byte[] jti = new byte[32];
        RANDOM.nextBytes(jti);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", key.clientId());
        claims.put("sub", key.clientId());
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("jti", B64URL.encodeToString(jti));
        return claims;
    }

    private String encode(Map<String, Object> json) {
        try {
            return B64URL.encodeToString(mapper.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
