package io.tokenbroker.emulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A client assertion (RFC 7523) as a broker signs one, and the token request form that carries it. Built here
 * with jose4j, not with the broker's code; any claim or the kid can be changed or dropped, to break one of
 * Okta's rules at a time.
 */
final class ClientAssertion {

    private final JwtClaims claims = new JwtClaims();
    private String kid;
    private String alg = AlgorithmIdentifiers.RSA_USING_SHA256;

    private ClientAssertion(String clientId, String audience, Instant now) {
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(300).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
    }

    /** iss = sub = {@code clientId}, aud = {@code audience}, iat {@code now}, exp five minutes later, a fresh jti. */
    static ClientAssertion of(String clientId, String audience, Instant now) {
        return new ClientAssertion(clientId, audience, now);
    }

    ClientAssertion claim(String name, Object value) {
        claims.setClaim(name, value);
        return this;
    }

    ClientAssertion without(String name) {
        claims.unsetClaim(name);
        return this;
    }

    /** Another kid header than the signing key's. */
    ClientAssertion kid(String keyId) {
        this.kid = keyId;
        return this;
    }

    /** Another RSA signature algorithm than RS256. */
    ClientAssertion alg(String rsaAlgorithm) {
        this.alg = rsaAlgorithm;
        return this;
    }

    /** Signed with the private half of {@code key} (RS256 unless another alg was set). */
    String signedBy(RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(kid == null ? key.getKeyId() : kid);
        jws.setAlgorithmHeaderValue(alg);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client-credentials token request carrying {@code assertion}; without a scope parameter when {@code scope} is null. */
    static Map<String, String> form(String assertion, String scope) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        if (scope != null) {
            form.put("scope", scope);
        }
        return form;
    }
}
