package io.tokenbroker.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.List;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.tokenbroker.profiles.VaultRsaPkcs8;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.TestKey;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/** Every caller-visible failure, in the contract's JSON shape; the broker keeps serving afterwards. */
@QuarkusTest
@TestProfile(VaultRsaPkcs8.class)
class TokenRequestErrorsTest {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    TestKey key;


    @BeforeEach
    void expireEveryCachedToken() {
        StandIns.startCold(okta);
    }

    @AfterEach
    void restore() {
        okta.issuer().registerClient(OktaResource.CLIENT_ID, List.of(key.publicJwk()),
                OktaResource.GRANTED);
        okta.issuer().expectedAudience(okta.issuer().tokenUrl());
        okta.reset();
        // past any remembered failure (rejections: 30 s) and rate-limit pause: the broker serves again
        MutableClock.INSTANCE.advance(Duration.ofMinutes(2));
        caller().get("/v1/token").then().statusCode(200);
    }

    @Test
    void aCallerWithoutTheAntiSsrfHeaderIsDenied() {
        given().get("/v1/token").then().statusCode(403)
                .body("error", equalTo("access_denied"))
                .body("error_description", containsString("X-Token-Broker"));
        given().header("X-Token-Broker", "true").get("/v1/token").then().statusCode(403);
        given().header("X-Token-Broker", "1").header("X-Token-Broker", "1").get("/v1/token").then().statusCode(403);
        // the guard is ahead of every /v1 endpoint
        given().get("/v1/nothing-here").then().statusCode(403).body("error", equalTo("access_denied"));
        given().get("/v1/../v1/token").then().statusCode(403).body("error", equalTo("access_denied"));
    }

    @Test
    void aProxiedCallerIsDenied() {
        caller().header("X-Forwarded-For", "10.0.0.1").get("/v1/token").then().statusCode(403)
                .body("error", equalTo("access_denied"));
        caller().header("Forwarded", "for=10.0.0.1").get("/v1/token").then().statusCode(403);
    }

    @Test
    void aMalformedScopeIsAnInvalidRequest() {
        caller().queryParam("scope", "tokens.read\"").get("/v1/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        caller().queryParam("scope", "tokens\\read").get("/v1/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        caller().queryParam("scope", "tokens.read").queryParam("scope", "tokens.write").get("/v1/token").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        caller().queryParam("scope", "x".repeat(3000)).get("/v1/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void aScopeOutsideTheAllowlistIsAnInvalidScope() {
        caller().queryParam("scope", "tokens.read okta.apps.manage").get("/v1/token").then().statusCode(400)
                .body("error", equalTo("invalid_scope"))
                .body("error_description", containsString("okta.apps.manage"));
        org.assertj.core.api.Assertions.assertThat(okta.tokenRequests()).isZero();
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheContractShape() {
        caller().get("/v1/nothing-here").then().statusCode(404).body("error", equalTo("not_found"));
        caller().get("/v1/token/more").then().statusCode(404).body("error", equalTo("not_found"));
        caller().post("/v1").then().statusCode(404).body("error", equalTo("not_found"));
        caller().get("/").then().statusCode(404).body("error", equalTo("not_found"));
        caller().get("/favicon.ico").then().statusCode(404).body("error", equalTo("not_found"));
        // what Quarkus serves on the main listener in test and dev builds is still served
        caller().get("/q/health/live").then().statusCode(200);
        caller().post("/v1/token").then().statusCode(405).body("error", equalTo("invalid_request"));
        caller().delete("/v1/token").then().statusCode(405).body("error", equalTo("invalid_request"));
        caller().get("/v1/authorize").then().statusCode(405).body("error", equalTo("invalid_request"));
        // the proxy is off by default: every method is a 404, not a 405
        caller().options("/v1/proxy/api/v1/users").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutTheToken() {
        caller().head("/v1/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Content-Type", "application/json")
                .body(org.hamcrest.Matchers.emptyString());
    }

    @Test
    void aBadSignatureIsUpstreamRejectedWithOktasCode() {
        PublicJsonWebKey impostor = TestKey.named("rsa3072").publicJwk();
        impostor.setKeyId(key.kid());
        okta.issuer().registerClient(OktaResource.CLIENT_ID, List.of(impostor), OktaResource.GRANTED);
        expectUpstreamRejected("invalid_client", "signature");
    }

    @Test
    void anUnknownKidIsUpstreamRejected() {
        PublicJsonWebKey other = key.publicJwk();
        other.setKeyId("some-other-kid");
        okta.issuer().registerClient(OktaResource.CLIENT_ID, List.of(other), OktaResource.GRANTED);
        expectUpstreamRejected("invalid_client", "kid");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("broker_upstream_requests_total{error=\"invalid_client\",outcome=\"rejected\",server=\"default\"}"))
                .body(containsString("broker_token_requests_total{outcome=\"upstream_rejected\",server=\"default\",source=\"error\"}"));
    }

    @Test
    void aWrongAudienceIsUpstreamRejected() {
        okta.issuer().expectedAudience("https://example.okta.com/oauth2/v1/token");
        expectUpstreamRejected("invalid_client", "aud");
    }

    @Test
    void aReplayedJtiIsUpstreamRejected() {
        caller().get("/v1/token").then().statusCode(200);
        okta.replayPreviousAssertion(true);
        caller().queryParam("scope", "tokens.write").get("/v1/token").then().statusCode(502)
                .body("error", equalTo("upstream_rejected"))
                .body("error_description", containsString("invalid_client"))
                .body("error_description", containsString("already been used"));
    }

    @Test
    void aScopeTheServiceAppWasNotGrantedIsUpstreamRejected() {
        caller().queryParam("scope", "tokens.unregistered").get("/v1/token").then().statusCode(502)
                .body("error", equalTo("upstream_rejected"))
                .body("error_description", containsString("invalid_scope"));
    }

    @Test
    void oktasManagementErrorShapeIsUnderstood() {
        okta.answerNext(401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}");
        caller().get("/v1/token").then().statusCode(502)
                .body("error", equalTo("upstream_rejected"))
                .body("error_description", containsString("E0000011"))
                .body("error_description", containsString("Invalid token provided"));
    }

    @Test
    void anOktaOutageIsTemporarilyUnavailableWithRetryAfter() {
        for (int attempt = 0; attempt < 3; attempt++) { // every attempt of the fetch fails
            okta.answerNext(503, "<html>upstream down</html>");
        }
        caller().get("/v1/token").then().statusCode(503)
                .body("error", equalTo("temporarily_unavailable"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void aRateLimitAnswerCarriesOktasResetAsRetryAfter() {
        okta.answerNextWithHeaders(429, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit\"}",
                java.util.Map.of("X-Rate-Limit-Reset", Long.toString(MutableClock.INSTANCE.instant().getEpochSecond() + 30)));
        String retryAfter = caller().get("/v1/token").then().statusCode(503)
                .body("error", equalTo("temporarily_unavailable"))
                .extract().header("Retry-After");
        org.assertj.core.api.Assertions.assertThat(Integer.parseInt(retryAfter)).isBetween(28, 30);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a token with CR/LF    | {"token_type":"Bearer","expires_in":3600,"access_token":"abc\\r\\nX-Injected: 1"} | access_token
            an empty token        | {"token_type":"Bearer","expires_in":3600,"access_token":""}                           | access_token
            a MAC token           | {"token_type":"mac","expires_in":3600,"access_token":"abc"}                           | token_type
            DPoP without a proof  | {"token_type":"DPoP","expires_in":3600,"access_token":"abc"}                          | token_type
            expires_in 1e16       | {"token_type":"Bearer","expires_in":1e16,"access_token":"abc"}                        | expires_in
            expires_in 1E18       | {"token_type":"Bearer","expires_in":1E18,"access_token":"abc"}                        | expires_in
            expires_in 10^16      | {"token_type":"Bearer","expires_in":10000000000000000,"access_token":"abc"}           | expires_in
            expires_in a string   | {"token_type":"Bearer","expires_in":"3600","access_token":"abc"}                      | expires_in
            a JSON array          | [{"token_type":"Bearer","expires_in":3600,"access_token":"abc"}]                      | body
            """)
    void anUnusableTokenAnswerIsAnInvalidTokenResponseAndNothingIsCached(String name, String answer, String field) {
        okta.answerNext(200, answer);
        caller().queryParam("scope", "tokens.write").get("/v1/token").then().statusCode(502)
                .contentType(io.restassured.http.ContentType.JSON)
                .body("error", equalTo("invalid_token_response"))
                .body("error_description", containsString(field))
                .body("error_description", org.hamcrest.Matchers.not(containsString("abc")));
        org.assertj.core.api.Assertions.assertThat(okta.tokenRequests()).isEqualTo(1);

        MutableClock.INSTANCE.advance(Duration.ofSeconds(31)); // past the memory of the refusal
        String token = caller().queryParam("scope", "tokens.write").get("/v1/token").then().statusCode(200)
                .extract().path("access_token");
        org.assertj.core.api.Assertions.assertThat(token).isNotEqualTo("abc");
        org.assertj.core.api.Assertions.assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({ "Retry-After, 999999999999", "X-Rate-Limit-Reset, 999999999999" })
    void aRateLimitHintFarAheadIsBelievedForAnHourAtMost(String header, String value) {
        okta.answerNextWithHeaders(429, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit\"}",
                java.util.Map.of(header, value));
        String retryAfter = caller().get("/v1/token").then().statusCode(503)
                .body("error", equalTo("temporarily_unavailable"))
                .extract().header("Retry-After");
        org.assertj.core.api.Assertions.assertThat(Long.parseLong(retryAfter)).isBetween(3500L, 3600L);

        MutableClock.INSTANCE.advance(Duration.ofSeconds(3601));
        caller().get("/v1/token").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    private void expectUpstreamRejected(String code, String hint) {
        caller().queryParam("scope", "tokens.write").get("/v1/token").then().statusCode(502)
                .body("error", equalTo("upstream_rejected"))
                .body("error_description", containsString(code))
                .body("error_description", containsString(hint));
    }
}
