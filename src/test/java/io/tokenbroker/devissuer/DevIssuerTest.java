package io.tokenbroker.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tokenbroker.testsupport.TestKey;

/** The dev issuer is as strict as Okta's token endpoint: every check, one at a time. */
class DevIssuerTest {

    private static final String URL = "http://127.0.0.1:1/oauth2/v1/token";
    private final TestKey key = TestKey.named("rsa2048");
    private DevIssuer issuer;

    @BeforeEach
    void register() {
        issuer = new DevIssuer(Clock.systemUTC(), URL);
        issuer.registerClient("client", List.of(key.publicJwk()), Set.of("a", "b"));
    }

    private String assertion(Map<String, Object> overrides, String kid, TestKey signer) throws Exception {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("client");
        claims.setSubject("client");
        claims.setAudience(URL);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(300).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        overrides.forEach((name, value) -> {
            if (value == null) {
                claims.unsetClaim(name);
            } else {
                claims.setClaim(name, value);
            }
        });
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.pair().getPrivate());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(signer.expectedAlgorithm());
        return jws.getCompactSerialization();
    }

    private DevIssuerAnswer submit(String assertion, String scope) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", DevIssuer.ASSERTION_TYPE);
        form.put("client_assertion", assertion);
        form.put("scope", scope);
        return issuer.token(form);
    }

    @Test
    void aCorrectAssertionGetsAToken() throws Exception {
        DevIssuerAnswer answer = submit(assertion(Map.of(), key.kid(), key), "a b");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).contains("\"token_type\":\"Bearer\"").contains("\"expires_in\":3600");
    }

    @Test
    void eachViolationIsInvalidClient() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertRejected(submit(assertion(Map.of(), key.kid(), TestKey.named("rsa3072")), "a"), 401, "signature");
        assertRejected(submit(assertion(Map.of(), "unknown", key), "a"), 401, "kid");
        assertRejected(submit(assertion(Map.of("aud", "https://elsewhere/oauth2/v1/token"), key.kid(), key), "a"), 401, "aud");
        assertRejected(submit(assertion(Map.of("iss", "other"), key.kid(), key), "a"), 401, "iss");
        assertRejected(submit(assertion(Map.of("sub", "other"), key.kid(), key), "a"), 401, "sub");
        assertRejected(submit(assertion(Map.of("exp", now - 120), key.kid(), key), "a"), 401, "expired");
        assertRejected(submit(assertion(Map.of("exp", now + 7200), key.kid(), key), "a"), 401, "too far");
        Map<String, Object> noJti = new HashMap<>();
        noJti.put("jti", null);
        assertRejected(submit(assertion(noJti, key.kid(), key), "a"), 401, "jti");
    }

    @Test
    void aJtiIsSingleUse() throws Exception {
        String once = assertion(Map.of(), key.kid(), key);
        assertThat(submit(once, "a").status()).isEqualTo(200);
        assertRejected(submit(once, "a"), 401, "already been used");
    }

    @Test
    void scopesMustBeGranted() throws Exception {
        assertRejected(submit(assertion(Map.of(), key.kid(), key), "a c"), 400, "invalid_scope");
        assertRejected(submit(assertion(Map.of(), key.kid(), key), ""), 400, "invalid_scope");
    }

    @Test
    void theTokenLifetimeFollowsTheIssuerClock() throws Exception {
        issuer.tokenLifetime(Duration.ofSeconds(90));
        assertThat(submit(assertion(Map.of(), key.kid(), key), "a").json()).contains("\"expires_in\":90");
    }

    private static void assertRejected(DevIssuerAnswer answer, int status, String hint) {
        assertThat(answer.status()).as(answer.json()).isEqualTo(status);
        assertThat(answer.json()).contains(hint);
    }
}
