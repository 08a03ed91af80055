package io.tokenbroker.emulator;

import static io.tokenbroker.emulator.Answers.assertRefused;
import static io.tokenbroker.emulator.TestClient.CLIENT_ID;
import static io.tokenbroker.emulator.TestClient.KEY;
import static io.tokenbroker.emulator.TestClient.NOW;
import static io.tokenbroker.emulator.TestClient.ORG_TOKEN_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The token endpoint enforces each of Okta's private_key_jwt rules: one broken rule per case, then the token it issues. */
class AuthorizationServerTest {

    private static final String CUSTOM_URL = "http://127.0.0.1:1/oauth2/aus1/v1/token";
    private static final RsaJsonWebKey OTHER_KEY = TestKeys.rsa();

    private final Clock clock = TestClient.clock();
    private final AuthorizationServer org = new AuthorizationServer(clock, ORG_TOKEN_URL);
    private final AuthorizationServer custom = new AuthorizationServer(clock, CUSTOM_URL, true);

    @BeforeEach
    void registerTheClient() {
        // okta.* granted on both: the custom server's refusal must come from its own rule, not from the grants
        TestClient.registerAt(org, "tokens.read", "tokens.write", "okta.users.read");
        TestClient.registerAt(custom, "tokens.read", "tokens.write", "okta.users.read");
    }

    private static ClientAssertion assertion() {
        return TestClient.assertion(ORG_TOKEN_URL);
    }

    private static OktaAnswer request(AuthorizationServer server, String assertion, String scope) {
        return server.token(ClientAssertion.form(assertion, scope));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assertionsBreakingOneRule")
    void anAssertionBreakingOneRuleIsInvalidClient(String rule, Function<ClientAssertion, String> signed, String hint) {
        assertRefused(request(org, signed.apply(assertion()), "tokens.read"), 401, "invalid_client", hint);
    }

    static Stream<Arguments> assertionsBreakingOneRule() {
        long now = NOW.getEpochSecond();
        String wrongAud = "must be the token endpoint " + ORG_TOKEN_URL;
        return Stream.of(
                rule("iss is no known client", a -> a.claim("iss", "0oa-stranger").claim("sub", "0oa-stranger").signedBy(KEY),
                        "iss does not match a known client"),
                rule("sub differs from iss", a -> a.claim("sub", "0oa-other").signedBy(KEY), "sub must equal iss"),
                rule("kid is not registered", a -> a.kid("unregistered").signedBy(KEY), "kid does not match"),
                rule("signed by another key under the registered kid", a -> a.kid(KEY.getKeyId()).signedBy(OTHER_KEY),
                        "signature is invalid"),
                rule("alg is PS256, not one of Okta's RS256-512 and ES256-512", a -> a.alg("PS256").signedBy(KEY),
                        "signature cannot be verified"),
                rule("aud is a custom server's token URL", a -> a.claim("aud", CUSTOM_URL).signedBy(KEY), wrongAud),
                rule("aud is the issuer, not the token URL", a -> a.claim("aud", "http://127.0.0.1:1/oauth2").signedBy(KEY), wrongAud),
                rule("aud lists the token URL among others", a -> a.claim("aud", List.of(ORG_TOKEN_URL, CUSTOM_URL)).signedBy(KEY),
                        wrongAud),
                rule("exp has passed", a -> a.claim("exp", now - 60).signedBy(KEY), "expired"),
                rule("exp is more than an hour ahead", a -> a.claim("exp", now + 3660).signedBy(KEY), "too far into the future"),
                rule("exp is missing", a -> a.without("exp").signedBy(KEY), "must have an exp claim"),
                rule("iat is in the future", a -> a.claim("iat", now + 60).signedBy(KEY), "issued in the future"),
                rule("jti is missing", a -> a.without("jti").signedBy(KEY), "must have a jti claim"),
                rule("not a JWT", a -> "not-a-jwt", "not a valid JWT"));
    }

    private static Arguments rule(String rule, Function<ClientAssertion, String> signed, String hint) {
        return arguments(rule, signed, hint);
    }

    @Test
    void anAssertionValidForExactlyTheHourOktaAllowsIsAccepted() {
        String assertion = assertion().claim("exp", NOW.plus(Duration.ofHours(1)).getEpochSecond()).signedBy(KEY);
        assertThat(request(org, assertion, "tokens.read").status()).isEqualTo(200);
    }

    @Test
    void anAssertionIsSingleUse() {
        String once = assertion().signedBy(KEY);
        assertThat(request(org, once, "tokens.read").status()).isEqualTo(200);
        assertRefused(request(org, once, "tokens.read"), 401, "invalid_client", "already been used");
    }

    @Test
    void aClientIdInTheFormMustBeTheAssertionsIssuer() {
        Map<String, String> form = TestClient.form(ORG_TOKEN_URL, "tokens.read");
        form.put("client_id", "0oa-other");
        assertRefused(org.token(form), 401, "invalid_client", "sub must equal iss and the client id");
    }

    @ParameterizedTest
    @ValueSource(strings = { "client_assertion", "client_assertion_type" })
    void aRequestWithoutAJwtBearerAssertionIsInvalidClient(String missing) {
        Map<String, String> form = TestClient.form(ORG_TOKEN_URL, "tokens.read");
        form.remove(missing);
        assertRefused(org.token(form), 401, "invalid_client", "a client_assertion of type jwt-bearer is required");
    }

    @ParameterizedTest
    @ValueSource(strings = { "password", "authorization_code", "" })
    void onlyTheClientCredentialsGrantIsSupported(String grantType) {
        Map<String, String> form = TestClient.form(ORG_TOKEN_URL, "tokens.read");
        form.put("grant_type", grantType);
        assertRefused(org.token(form), 400, "unsupported_grant_type", "grant type is not supported");
    }

    @Test
    void aScopeNotGrantedToTheClientIsRefused() {
        assertRefused(org.token(TestClient.form(ORG_TOKEN_URL, "tokens.read tokens.delete")), 400, "invalid_scope",
                "not configured for the authorization server");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void aRequestForNoScopeIsRefused(String scope) {
        assertRefused(org.token(TestClient.form(ORG_TOKEN_URL, scope)), 400, "invalid_scope", "at least one scope");
    }

    @Test
    void aCustomServerNeverIssuesOktaScopes() {
        assertRefused(custom.token(TestClient.form(CUSTOM_URL, "tokens.read okta.users.read")), 400, "invalid_scope",
                "Okta scopes are issued by the org authorization server only: okta.users.read");
    }

    @Test
    void theOrgServerWithOktaScopesOnlyRefusesAnyOtherScope() {
        org.oktaScopesOnly(true);
        assertRefused(org.token(TestClient.form(ORG_TOKEN_URL, "okta.users.read tokens.read")), 400, "invalid_scope",
                "issues okta.* scopes only: tokens.read");
        assertThat(org.token(TestClient.form(ORG_TOKEN_URL, "okta.users.read")).status()).isEqualTo(200);
    }

    @Test
    void aCustomServerWantsItsOwnTokenUrlAsAudience() {
        assertRefused(custom.token(TestClient.form(ORG_TOKEN_URL, "tokens.read")), 401, "invalid_client",
                "must be the token endpoint " + CUSTOM_URL);

        OktaAnswer answer = custom.token(TestClient.form(CUSTOM_URL, "tokens.read"));
        assertThat(answer.status()).as(answer.json()).isEqualTo(200);
        assertThat(verified(custom, answer).getClaimValueAsString("iss")).isEqualTo("http://127.0.0.1:1/oauth2/aus1");
    }

    @Test
    void aValidAssertionGetsABearerJwtSignedWithTheServersPublishedKey() throws Exception {
        OktaAnswer answer = org.token(TestClient.form(ORG_TOKEN_URL, "tokens.read tokens.write"));

        assertThat(answer.status()).as(answer.json()).isEqualTo(200);
        JsonNode body = Answers.json(answer.json());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.path("scope").asText()).isEqualTo("tokens.read tokens.write");
        JwtClaims claims = verified(org, answer);
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:1/oauth2");
        assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
        assertThat(claims.getClaimValueAsString("cid")).isEqualTo(CLIENT_ID);
        assertThat(claims.getStringListClaimValue("scp")).containsExactly("tokens.read", "tokens.write");
        assertThat(claims.getIssuedAt().getValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.getExpirationTime().getValue()).isEqualTo(NOW.getEpochSecond() + 3600);
        assertThat(claims.hasClaim("cnf")).isFalse();
    }

    @Test
    void theTokenLifetimeSetsExpAndExpiresIn() throws Exception {
        org.tokenLifetime(Duration.ofSeconds(90));
        OktaAnswer answer = org.token(TestClient.form(ORG_TOKEN_URL, "tokens.read"));

        assertThat(Answers.json(answer.json()).path("expires_in").asLong()).isEqualTo(90);
        assertThat(verified(org, answer).getExpirationTime().getValue()).isEqualTo(NOW.getEpochSecond() + 90);
    }

    @Test
    void aValidDpopProofBindsTheTokenToTheProofsKey() {
        EllipticCurveJsonWebKey dpopKey = TestKeys.ec();
        OktaAnswer answer = org.token(TestClient.form(ORG_TOKEN_URL, "tokens.read"),
                DpopProof.of("POST", ORG_TOKEN_URL, NOW).signedBy(dpopKey));

        assertThat(answer.status()).as(answer.json()).isEqualTo(200);
        assertThat(Answers.json(answer.json()).path("token_type").asText()).isEqualTo("DPoP");
        assertThat(verified(org, answer).getClaimValue("cnf")).isEqualTo(Map.of("jkt", TestKeys.thumbprint(dpopKey)));
    }

    /** The access token of a 200 answer, verified as a resource server would: with the server's JWKS only. */
    private JwtClaims verified(AuthorizationServer server, OktaAnswer answer) {
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(server.jwks().getJsonWebKeys()))
                    .setExpectedIssuer(server.issuer())
                    .setExpectedAudience("api://default")
                    .setRequireExpirationTime()
                    .setEvaluationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                    .build()
                    .processToClaims(Answers.json(answer.json()).path("access_token").asText());
        } catch (InvalidJwtException e) {
            throw new AssertionError(e);
        }
    }
}
