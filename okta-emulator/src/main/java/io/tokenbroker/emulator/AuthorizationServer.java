package io.tokenbroker.emulator;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * An Okta authorization server (the org one, or a custom one at {@code /oauth2/{id}/v1/token}) as its token
 * endpoint behaves for a service app with
 * {@code private_key_jwt}: the client assertion must be signed by a key registered for the client
 * (found by kid), iss = sub = client id, aud exactly the token URL, exp in the future and at most an
 * hour ahead, iat not in the future, a jti used once; the scopes must be granted. Access tokens are
 * JWTs signed by the server's own key ({@link #jwks()}), bound by {@code cnf.jkt} when a DPoP proof came.
 * As with Okta, a custom server never issues {@code okta.*} scopes and, once {@link #oktaScopesOnly} is set
 * (the org server's rule; off for the tests written when the stand-in had the org layout only and custom
 * scopes on it), the org server issues nothing else.
 */
public final class AuthorizationServer {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The audience of issued access tokens (Okta's default custom authorization server uses the same). */
    static final String TOKEN_AUDIENCE = "api://default";
    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final AlgorithmConstraints ASSERTION_ALGS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "RS384", "RS512", "ES256", "ES384", "ES512");

    private final Clock clock;
    private final String tokenUrl;
    private final RsaJsonWebKey signingKey = newSigningKey();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Instant> usedJtis = new ConcurrentHashMap<>();
    private final TokenEndpointDpop dpop;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile String audience;
    private final boolean custom;
    private volatile boolean oktaScopesOnly;

    AuthorizationServer(Clock clock, String tokenUrl) {
        this(clock, tokenUrl, false);
    }

    /** @param custom a custom authorization server: never issues okta.* scopes */
    AuthorizationServer(Clock clock, String tokenUrl, boolean custom) {
        this.clock = clock;
        this.tokenUrl = tokenUrl;
        this.custom = custom;
        this.audience = tokenUrl;
        this.dpop = new TokenEndpointDpop(clock, tokenUrl);
    }

    public TokenEndpointDpop dpop() {
        return dpop;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    /** The issuer of access tokens: the token URL without {@code /v1/token}, as Okta names its authorization servers. */
    public String issuer() {
        return tokenUrl.substring(0, tokenUrl.length() - "/v1/token".length());
    }

    /** The org server's rule: only {@code okta.*} scopes (the Okta management API's). */
    public void oktaScopesOnly(boolean only) {
        this.oktaScopesOnly = only;
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** The aud client assertions must carry; the token URL unless a test provokes a mismatch. */
    public void expectedAudience(String expected) {
        this.audience = expected;
    }

    /** Registers or replaces a client: its public keys (each with a kid) and the scopes granted to it. */
    public void registerClient(String clientId, List<PublicJsonWebKey> keys, Set<String> scopes) {
        Map<String, PublicKey> byKid = new LinkedHashMap<>();
        for (PublicJsonWebKey key : keys) {
            if (key.getKeyId() == null) {
                throw new IllegalArgumentException("a registered key needs a kid");
            }
            byKid.put(key.getKeyId(), key.getPublicKey());
        }
        clients.put(clientId, new Client(Map.copyOf(byKid), Set.copyOf(scopes)));
    }

    /** The keys access tokens are signed with, as {@code /oauth2/v1/keys} publishes them. */
    public JsonWebKeySet jwks() {
        return new JsonWebKeySet(signingKey);
    }

    RsaJsonWebKey signingKey() {
        return signingKey;
    }

    Instant now() {
        return clock.instant();
    }

    public OktaAnswer token(Map<String, String> form) {
        return token(form, null);
    }

    /**
     * One token request: decoded form parameters and the DPoP header (null when none). The assertion is
     * checked, and its jti spent, before the proof: a request repeated after use_dpop_nonce needs a new
     * assertion, as with Okta.
     */
    public OktaAnswer token(Map<String, String> form, String dpopProof) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return OktaAnswer.error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type")) || form.get("client_assertion") == null) {
            return OktaAnswer.error(401, "invalid_client", "Client authentication failed: a client_assertion of type jwt-bearer is required.");
        }
        String clientId;
        try {
            clientId = authenticate(form.get("client_assertion"), form.get("client_id"));
        } catch (AssertionRefused e) {
            return OktaAnswer.error(401, "invalid_client", e.getMessage());
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").strip().split(" +")));
        scopes.remove("");
        if (scopes.isEmpty()) {
            return OktaAnswer.error(400, "invalid_scope", "The authorization server requires at least one scope.");
        }
        List<String> foreign = scopes.stream().filter(s -> custom ? s.startsWith("okta.") : oktaScopesOnly && !s.startsWith("okta."))
                .toList();
        if (!foreign.isEmpty()) {
            return OktaAnswer.error(400, "invalid_scope", (custom ? "Okta scopes are issued by the org authorization server only: "
                    : "The org authorization server issues okta.* scopes only: ") + String.join(" ", foreign));
        }
        if (!clients.get(clientId).scopes().containsAll(scopes)) {
            return OktaAnswer.error(400, "invalid_scope", "One or more scopes are not configured for the authorization server resource.");
        }
        TokenEndpointDpop.Outcome proof = dpop.check(dpopProof);
        return proof.refusal() != null ? proof.refusal() : issue(clientId, scopes, proof.jkt());
    }

    /** @return the authenticated client id */
    private String authenticate(String assertion, String formClientId) throws AssertionRefused {
        JsonWebSignature jws;
        JwtClaims claims;
        try {
            if (!(JsonWebStructure.fromCompactSerialization(assertion) instanceof JsonWebSignature signature)) {
                throw new AssertionRefused("The client_assertion is not a signed JWT.");
            }
            jws = signature;
            claims = JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (JoseException | RuntimeException | org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw new AssertionRefused("The client_assertion is not a valid JWT.");
        }
        try {
            String clientId = claims.getIssuer();
            Client client = clientId == null ? null : clients.get(clientId);
            if (client == null) {
                throw new AssertionRefused("The client_assertion iss does not match a known client.");
            }
            if (!clientId.equals(claims.getSubject()) || formClientId != null && !formClientId.equals(clientId)) {
                throw new AssertionRefused("The client_assertion sub must equal iss and the client id.");
            }
            PublicKey key = jws.getKeyIdHeaderValue() == null ? null : client.keys().get(jws.getKeyIdHeaderValue());
            if (key == null) {
                throw new AssertionRefused("The client_assertion kid does not match a key registered for the client.");
            }
            jws.setAlgorithmConstraints(ASSERTION_ALGS);
            jws.setKey(key);
            if (!jws.verifySignature()) {
                throw new AssertionRefused("The client_assertion signature is invalid.");
            }
            checkTimes(claims);
            if (!List.of(audience).equals(claims.getAudience())) {
                throw new AssertionRefused("The audience [aud] claim in the client_assertion must be the token endpoint " + audience + ".");
            }
            spend(claims.getJwtId(), claims.getExpirationTime());
            return clientId;
        } catch (JoseException e) {
            throw new AssertionRefused("The client_assertion signature cannot be verified (" + e.getClass().getSimpleName() + ").");
        } catch (MalformedClaimException e) {
            throw new AssertionRefused("The client_assertion claims are malformed.");
        }
    }

    private void checkTimes(JwtClaims claims) throws MalformedClaimException, AssertionRefused {
        Instant now = clock.instant();
        NumericDate exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AssertionRefused("The client_assertion must have an exp claim.");
        }
        Instant expiry = Instant.ofEpochSecond(exp.getValue());
        if (!expiry.isAfter(now.minus(SKEW))) {
            throw new AssertionRefused("The client_assertion token is expired.");
        }
        if (expiry.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(SKEW))) {
            throw new AssertionRefused("The client_assertion token has an expiration too far into the future.");
        }
        NumericDate iat = claims.getIssuedAt();
        if (iat != null && Instant.ofEpochSecond(iat.getValue()).isAfter(now.plus(SKEW))) {
            throw new AssertionRefused("The client_assertion token was issued in the future.");
        }
    }

    /** A jti is remembered until its assertion expires: after that the exp check refuses a replay anyway. */
    private void spend(String jti, NumericDate exp) throws AssertionRefused {
        if (jti == null || jti.isBlank()) {
            throw new AssertionRefused("The client_assertion must have a jti claim.");
        }
        Instant horizon = clock.instant().minus(SKEW);
        usedJtis.values().removeIf(expiry -> expiry.isBefore(horizon));
        if (usedJtis.putIfAbsent(jti, Instant.ofEpochSecond(exp.getValue())) != null) {
            throw new AssertionRefused("The client_assertion token has already been used (jti replay).");
        }
    }

    private OktaAnswer issue(String clientId, Set<String> scopes, String jkt) {
        Instant now = clock.instant();
        Duration lifetime = tokenLifetime;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setAudience(TOKEN_AUDIENCE);
        claims.setSubject(clientId);
        claims.setClaim("cid", clientId);
        claims.setJwtId("AT." + UUID.randomUUID());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        claims.setStringListClaim("scp", List.copyOf(scopes));
        if (jkt != null) {
            claims.setClaim("cnf", Map.of("jkt", jkt));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey.getPrivateKey());
        jws.setKeyIdHeaderValue(signingKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", jkt == null ? "Bearer" : "DPoP");
        body.put("expires_in", lifetime.toSeconds());
        try {
            body.put("access_token", jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException("the stand-in cannot sign an access token", e);
        }
        body.put("scope", String.join(" ", scopes));
        return OktaAnswer.json(200, body);
    }

    private static RsaJsonWebKey newSigningKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate the stand-in's signing key", e);
        }
    }

    private record Client(Map<String, PublicKey> keys, Set<String> scopes) {
    }

    private static final class AssertionRefused extends Exception {
        AssertionRefused(String description) {
            super(description, null, false, false);
        }
    }
}
