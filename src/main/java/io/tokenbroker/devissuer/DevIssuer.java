package io.tokenbroker.devissuer;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * An Okta-compatible client_credentials token issuer for development and tests. It validates client
 * assertions as strictly as Okta's token endpoint: signature against the registered public key
 * found by kid, iss = sub = client id, aud equal to its token URL, exp in the future and at most one
 * hour ahead, single-use jti, and scopes granted to the client. Issued access tokens are JWTs
 * signed with the issuer's own RSA key (see {@link #jwks()}).
 *
 * <p>Plain Java on purpose: the dev profile serves it over HTTP and tests wrap it with fault
 * injection. Never part of a production deployment.
 */
public class DevIssuer {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final AlgorithmConstraints ASSERTION_ALGS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "RS384", "RS512", "ES256", "ES384", "ES512");

    private final Clock clock;
    private final String tokenUrl;
    private final RsaJsonWebKey issuerKey;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Instant> usedJtis = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile String audience;
    private final DevTokenDpop dpop;

    public DevIssuer(Clock clock, String tokenUrl) {
        this.clock = clock;
        this.tokenUrl = tokenUrl;
        this.audience = tokenUrl;
        this.issuerKey = newIssuerKey();
        this.dpop = new DevTokenDpop(clock, tokenUrl);
    }

    /** DPoP at the token endpoint: require it, require nonces, rotate the nonce. */
    public DevTokenDpop dpop() {
        return dpop;
    }

    java.time.Instant now() {
        return clock.instant();
    }

    RsaJsonWebKey issuerKey() {
        return issuerKey;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    /** The issuer: the token URL without {@code /v1/token}, as Okta's authorization servers have it. */
    public String issuer() {
        return tokenUrl.endsWith("/v1/token") ? tokenUrl.substring(0, tokenUrl.length() - "/v1/token".length()) : tokenUrl;
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** The audience assertions must carry; the token URL unless changed (tests use this to provoke a mismatch). */
    public void expectedAudience(String audience) {
        this.audience = audience;
    }

    /** Registers (or replaces) a client with its public keys, each with a kid, and the scopes granted to it. */
    public void registerClient(String clientId, List<PublicJsonWebKey> keys, Set<String> scopes) {
        Map<String, PublicKey> byKid = new ConcurrentHashMap<>();
        for (PublicJsonWebKey key : keys) {
            if (key.getKeyId() == null) {
                throw new IllegalArgumentException("a registered key needs a kid");
            }
            byKid.put(key.getKeyId(), key.getPublicKey());
        }
        clients.put(clientId, new Client(byKid, Set.copyOf(scopes)));
    }

    /** The public keys access tokens are signed with, as Okta's /v1/keys publishes them. */
    public JsonWebKeySet jwks() {
        return new JsonWebKeySet(issuerKey);
    }

    /** Handles one token request given its decoded form parameters, without a DPoP proof. */
    public DevIssuerAnswer token(Map<String, String> form) {
        return token(form, null);
    }

    /**
     * Handles one token request given its decoded form parameters and its DPoP header (null when absent).
     * The client assertion is checked (and its jti consumed) before the proof, so a request repeated
     * after use_dpop_nonce needs a new assertion, as with Okta.
     */
    public DevIssuerAnswer token(Map<String, String> form, String dpopProof) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return DevIssuerAnswer.error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type")) || form.get("client_assertion") == null) {
            return DevIssuerAnswer.error(401, "invalid_client", "Client authentication failed: a client_assertion of type jwt-bearer is required.");
        }
        AssertionCheck check = verify(form.get("client_assertion"), form.get("client_id"));
        if (check.error() != null) {
            return DevIssuerAnswer.error(401, "invalid_client", check.error());
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split(" +")));
        requested.remove("");
        if (requested.isEmpty()) {
            return DevIssuerAnswer.error(400, "invalid_scope", "The authorization server requires at least one scope.");
        }
        if (!check.client().scopes().containsAll(requested)) {
            return DevIssuerAnswer.error(400, "invalid_scope", "One or more scopes are not configured for the authorization server resource.");
        }
        DevTokenDpop.Check proof = dpop.check(dpopProof);
        if (proof.refusal() != null) {
            return proof.refusal();
        }
        String jkt = proof.jkt();
        return issue(check.clientId(), requested, jkt);
    }

    private AssertionCheck verify(String assertion, String formClientId) {
        JsonWebSignature jws;
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(assertion);
            if (!(structure instanceof JsonWebSignature signature)) {
                return AssertionCheck.failed("The client_assertion is not a signed JWT.");
            }
            jws = signature;
        } catch (JoseException e) {
            return AssertionCheck.failed("The client_assertion is not a valid JWT.");
        }
        try {
            JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
            String clientId = claims.getIssuer();
            Client client = clientId == null ? null : clients.get(clientId);
            if (client == null) {
                return AssertionCheck.failed("The client_assertion iss does not match a known client.");
            }
            if (!clientId.equals(claims.getSubject()) || (formClientId != null && !formClientId.equals(clientId))) {
                return AssertionCheck.failed("The client_assertion sub must equal iss and the client id.");
            }
            PublicKey key = jws.getKeyIdHeaderValue() == null ? null : client.keys().get(jws.getKeyIdHeaderValue());
            if (key == null) {
                return AssertionCheck.failed("The client_assertion kid does not match a key registered for the client.");
            }
            jws.setAlgorithmConstraints(ASSERTION_ALGS);
            jws.setKey(key);
            if (!jws.verifySignature()) {
                return AssertionCheck.failed("The client_assertion signature is invalid.");
            }
            String timing = checkTiming(claims);
            if (timing != null) {
                return AssertionCheck.failed(timing);
            }
            if (!claims.getAudience().equals(List.of(audience))) {
                return AssertionCheck.failed("The audience [aud] claim in the client_assertion must be the token endpoint " + audience + ".");
            }
            String jti = claims.getJwtId();
            if (jti == null || jti.isBlank()) {
                return AssertionCheck.failed("The client_assertion must have a jti claim.");
            }
            forgetExpiredJtis();
            if (usedJtis.putIfAbsent(jti, claims.getExpirationTime() == null ? clock.instant()
                    : Instant.ofEpochSecond(claims.getExpirationTime().getValue())) != null) {
                return AssertionCheck.failed("The client_assertion token has already been used (jti replay).");
            }
            return new AssertionCheck(clientId, client, null);
        } catch (JoseException e) {
            return AssertionCheck.failed("The client_assertion signature cannot be verified (" + e.getClass().getSimpleName() + ").");
        } catch (Exception e) {
            return AssertionCheck.failed("The client_assertion claims are malformed.");
        }
    }

    private String checkTiming(JwtClaims claims) throws MalformedClaimException {
        Instant now = clock.instant();
        NumericDate exp = claims.getExpirationTime();
        if (exp == null) {
            return "The client_assertion must have an exp claim.";
        }
        Instant expiry = Instant.ofEpochSecond(exp.getValue());
        if (!expiry.isAfter(now.minus(CLOCK_SKEW))) {
            return "The client_assertion token is expired.";
        }
        if (expiry.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(CLOCK_SKEW))) {
            return "The client_assertion token has an expiration too far into the future.";
        }
        NumericDate iat = claims.getIssuedAt();
        if (iat != null && Instant.ofEpochSecond(iat.getValue()).isAfter(now.plus(CLOCK_SKEW))) {
            return "The client_assertion token was issued in the future.";
        }
        return null;
    }

    private void forgetExpiredJtis() {
        Instant horizon = clock.instant().minus(CLOCK_SKEW);
        usedJtis.values().removeIf(expiry -> expiry.isBefore(horizon));
    }

    private DevIssuerAnswer issue(String clientId, Set<String> scopes, String jkt) {
        Instant now = clock.instant();
        Duration lifetime = tokenLifetime;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setAudience("api://default");
        claims.setSubject(clientId);
        claims.setClaim("cid", clientId);
        claims.setClaim("ver", 1);
        claims.setJwtId("AT." + randomId());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        claims.setStringListClaim("scp", List.copyOf(scopes));
        if (jkt != null) {
            claims.setClaim("cnf", Map.of("jkt", jkt));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(issuerKey.getPrivateKey());
        jws.setKeyIdHeaderValue(issuerKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return DevIssuerAnswer.token(jws.getCompactSerialization(), jkt == null ? "Bearer" : "DPoP", lifetime.toSeconds(),
                    String.join(" ", scopes));
        } catch (JoseException e) {
            throw new IllegalStateException("the dev issuer cannot sign an access token", e);
        }
    }

    private String randomId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RsaJsonWebKey newIssuerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RsaJsonWebKey key = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            key.setPrivateKey(pair.getPrivate());
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return key;
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the dev issuer key", e);
        }
    }

    private record Client(Map<String, PublicKey> keys, Set<String> scopes) {
    }

    private record AssertionCheck(String clientId, Client client, String error) {
        static AssertionCheck failed(String error) {
            return new AssertionCheck(null, null, error);
        }
    }
}
