package io.tokenbroker.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.InjectStandIns;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.StandInsResource;

/**
 * The token path as a user sees it, on the real clock; {@link PackagedFlowIT} runs the same tests
 * against the packaged application (Failsafe, after package; the native executable with -Dnative).
 * Stand-ins on the real clock (a packaged broker runs on it), from a test resource rather than a
 * {@code @TestProfile}: Quarkus records the AOT cache of a -Daot build only while integration tests
 * without a test profile run, and PackagedFlowIT's runs are the ones that train it.
 */
@QuarkusTest
@WithTestResource(value = StandInsResource.class, initArgs = {
        @ResourceArg(name = "key", value = "p256"),
        @ResourceArg(name = "source", value = "vault"),
        @ResourceArg(name = "format", value = "jwk"),
        @ResourceArg(name = "clock", value = "system") })
public class PackagedFlowTest {

    @InjectStandIns
    StandIns standIns;

    private String token() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = caller().get("/v1/token").andReturn();
            return answer.statusCode() == 200 ? answer.<String>path("access_token") : null;
        }, t -> t != null);
    }

    @Test
    void servesATokenSignedByTheAuthorizationServer() {
        String token = token();
        var issuerKey = (PublicJsonWebKey) standIns.okta().issuer().jwks().getJsonWebKeys().get(0);
        var decoded = Assertions.verify(token, issuerKey.getPublicKey());
        assertThat(decoded.claims().getClaimValue("cid")).isEqualTo(standIns.clientId());
        caller().get("/v1/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", greaterThanOrEqualTo(3000));
    }

    @Test
    void theAssertionIsSignedWithTheVaultKeyForTheTokenUrl() throws Exception {
        token();
        assertThat(standIns.okta().forms()).isNotEmpty();
        Map<String, String> form = standIns.okta().lastForm();
        var assertion = Assertions.verify(form.get("client_assertion"), standIns.key().pair().getPublic());
        assertThat(assertion.header("alg")).isEqualTo("ES256");
        assertThat(assertion.header("kid")).isEqualTo(standIns.key().kid());
        assertThat(assertion.claims().getAudience()).containsExactly(standIns.okta().issuer().tokenUrl());
        assertThat(assertion.claims().getIssuer()).isEqualTo(standIns.clientId());
    }

    @Test
    void callersAreCheckedAndErrorsHaveTheContractShape() {
        given().get("/v1/token").then().statusCode(403).body("error", equalTo("access_denied"));
        caller().queryParam("scope", "okta.apps.manage").get("/v1/token").then()
                .statusCode(400).body("error", equalTo("invalid_scope"));
        caller().queryParam("scope", "bad\"scope").get("/v1/token").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        caller().get("/v1/nope").then().statusCode(404).body("error", equalTo("not_found"));
    }
}
