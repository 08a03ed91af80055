package io.tokenbroker.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static io.tokenbroker.testsupport.Caller.caller;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tokenbroker.devissuer.DevEnvironment;
import io.tokenbroker.testsupport.Assertions;
import jakarta.inject.Inject;

/** The README's first command: no Okta, no Vault, and still a real signed token. */
@QuarkusTest
class DevDefaultTest {

    @Inject
    DevEnvironment dev;

    @Test
    void theEmbeddedDevIssuerServesARealSignedToken() {
        String token = caller().get("/v1/token").then()
                .statusCode(200).contentType("application/json")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("tokens.read"))
                .extract().path("access_token");
        var issuerKey = (PublicJsonWebKey) dev.server().issuer().jwks().getJsonWebKeys().get(0);
        var decoded = Assertions.verify(token, issuerKey.getPublicKey());
        assertThat(decoded.claims().getClaimValue("cid")).isEqualTo("0oa-dev-client");
    }

    @Test
    void readyOnceTheDevKeyIsLoadedAndTheDefaultTokenPrefetched() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.default_token_ready", equalTo(true)));
    }
}
