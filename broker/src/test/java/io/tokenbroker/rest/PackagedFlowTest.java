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

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.TestKey;
import io.tokenbroker.testsupport.TimeSource;
import io.tokenbroker.testsupport.VaultOptions;
import io.tokenbroker.testsupport.VaultResource;
import io.tokenbroker.emulator.OktaEmulator;

/**
 * The token path as a user sees it, on the real clock; {@link PackagedFlowIT} runs the same tests
 * against the packaged application (Failsafe, after package; the native executable with -Dnative).
 * Stand-ins on the real clock (a packaged broker runs on it), from a test resource rather than a
 * {@code @TestProfile}: Quarkus records the AOT cache of a -Daot build only while integration tests
 * without a test profile run, and PackagedFlowIT's runs are the ones that train it.
 */
@QuarkusTest
@WithTestResource(PackagedFlowTest.Okta.class)
@WithTestResource(PackagedFlowTest.Vault.class)
public class PackagedFlowTest {

    static final BrokerKey KEY = BrokerKey.vault(Alg.P256, Format.JWK);

    /** The Okta stand-in on real time. */
    public static class Okta extends OktaResource {
        public Okta() {
            super(KEY, TimeSource.SYSTEM);
        }
    }

    /** The Vault stand-in on real time, holding {@link #KEY}. */
    public static class Vault extends VaultResource {
        public Vault() {
            super(KEY, VaultOptions.defaults().on(TimeSource.SYSTEM));
        }
    }

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    TestKey key;

    private String token() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = caller().get("/v1/token").andReturn();
            return answer.statusCode() == 200 ? answer.<String>path("access_token") : null;
        }, t -> t != null);
    }

    @Test
    void servesATokenSignedByTheAuthorizationServer() {
        String token = token();
        var issuerKey = (PublicJsonWebKey) okta.issuer().jwks().getJsonWebKeys().get(0);
        var decoded = Assertions.verify(token, issuerKey.getPublicKey());
        assertThat(decoded.claims().getClaimValue("cid")).isEqualTo(OktaResource.CLIENT_ID);
        caller().get("/v1/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", greaterThanOrEqualTo(3000));
    }

    @Test
    void theAssertionIsSignedWithTheVaultKeyForTheTokenUrl() throws Exception {
        token();
        assertThat(okta.forms()).isNotEmpty();
        Map<String, String> form = okta.lastForm();
        var assertion = Assertions.verify(form.get("client_assertion"), key.pair().getPublic());
        assertThat(assertion.header("alg")).isEqualTo("ES256");
        assertThat(assertion.header("kid")).isEqualTo(key.kid());
        assertThat(assertion.claims().getAudience()).containsExactly(okta.issuer().tokenUrl());
        assertThat(assertion.claims().getIssuer()).isEqualTo(OktaResource.CLIENT_ID);
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

    @Test
    void aUriTheHttpLayerWouldRefuseIsAnsweredInJsonWithoutAnyJvmFlag() throws Exception {
        // Main turns Vert.x' own URI check off before Quarkus starts: `java -jar`, the JVM image and the native
        // executable answer alike, with nothing on their command line
        var answer = io.tokenbroker.testsupport.RawHttp.send(io.restassured.RestAssured.port,
                "GET /v1/token?scope=a|b HTTP/1.1\r\nHost: localhost\r\nX-Token-Broker: 1");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(io.restassured.path.json.JsonPath.from(answer.body()).getString("error")).isEqualTo("invalid_request");
    }
}
