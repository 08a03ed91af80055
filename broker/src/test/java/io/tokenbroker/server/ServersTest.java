package io.tokenbroker.server;

import static io.tokenbroker.testsupport.Caller.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.Servers;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.OktaServersResource;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;
import io.vertx.core.json.JsonObject;

/**
 * One broker, three token targets against the Okta stand-in behaving as Okta does (okta.* scopes only from
 * the org server, custom scopes only from custom servers, the assertion's aud the endpoint invoked): the
 * default target on the org server, {@code orders} on a custom server with the same app and key,
 * {@code billing} on another custom server as another service app with its own key.
 */
@QuarkusTest
@TestProfile(Servers.class)
class ServersTest {

    private static final String ORG = OktaEmulator.TOKEN_PATH;
    private static final String ORDERS = OktaEmulator.tokenPath(OktaServersResource.ORDERS);
    private static final String BILLING = OktaEmulator.tokenPath(OktaServersResource.BILLING);

    @InjectStandIn
    OktaEmulator okta;

    @Inject
    TokenTargets targets;

    @BeforeEach
    void startCold() {
        StandIns.startCold(okta);
    }

    private static JwtClaims claims(String jwt) throws Exception {
        return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])));
    }

    private static JsonObject header(String jwt) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])));
    }

    private static String token(String query) {
        return caller().get("/v1/token" + query).then().statusCode(200).extract().path("access_token");
    }

    @Test
    void oneBrokerServesTheOrgServerAndTwoCustomServersEachAssertionAddressedToItsEndpoint() throws Exception {
        assertThat(claims(token("")).getIssuer()).isEqualTo(okta.baseUrl() + "/oauth2");
        assertThat(claims(token("?server=orders")).getIssuer()).isEqualTo(okta.baseUrl() + "/oauth2/" + OktaServersResource.ORDERS);
        assertThat(claims(token("?server=billing&scope=billing.read")).getIssuer())
                .isEqualTo(okta.baseUrl() + "/oauth2/" + OktaServersResource.BILLING);
        assertThat(claims(token("?server=default")).getIssuer()).isEqualTo(okta.baseUrl() + "/oauth2"); // cached

        for (String path : new String[] { ORG, ORDERS, BILLING }) {
            assertThat(okta.formsAt(path)).as(path).hasSize(1);
            String assertion = okta.formsAt(path).get(0).get("client_assertion");
            assertThat(claims(assertion).getAudience()).as(path).containsExactly(okta.baseUrl() + path);
        }
        JwtClaims billing = claims(okta.formsAt(BILLING).get(0).get("client_assertion"));
        assertThat(billing.getIssuer()).isEqualTo(OktaServersResource.BILLING_CLIENT);
        assertThat(header(okta.formsAt(BILLING).get(0).get("client_assertion")).getString("kid"))
                .isEqualTo(OktaServersResource.BILLING_KEY.kid());
        assertThat(claims(okta.formsAt(ORDERS).get(0).get("client_assertion")).getIssuer()).isEqualTo(OktaResource.CLIENT_ID);
        assertThat(okta.formsAt(ORG).get(0).get("scope")).isEqualTo("okta.users.read");
        assertThat(okta.formsAt(ORDERS).get(0).get("scope")).isEqualTo("orders.read");
    }

    @Test
    void serversSigningWithTheSameKeyShareOneLoadedKeyAnotherAppHasItsOwn() {
        assertThat(targets.resolve("orders").keys()).isSameAs(targets.defaultTarget().keys());
        assertThat(targets.resolve("billing").keys()).isNotSameAs(targets.defaultTarget().keys());
        assertThat(targets.resolve("billing").keys().current()).hasValueSatisfying(
                key -> assertThat(key.clientId()).isEqualTo(OktaServersResource.BILLING_CLIENT));
    }

    @Test
    void eachServersAllowlistAppliesToItAlone() {
        caller().get("/v1/token?server=orders&scope=okta.users.read").then().statusCode(400).body("error", equalTo("invalid_scope"));
        caller().get("/v1/token?scope=orders.read").then().statusCode(400).body("error", equalTo("invalid_scope"));
        caller().get("/v1/token?server=orders&scope=orders.write").then().statusCode(200).body("scope", equalTo("orders.write"));
        assertThat(okta.formsAt(ORDERS)).extracting(form -> form.get("scope")).containsExactly("orders.write");
    }

    @Test
    void anUnknownServerIsAnInvalidRequestOnEveryChannel() {
        caller().get("/v1/token?server=nope").then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("unknown server"));
        caller().get("/v1/token?server=orders&server=billing").then().statusCode(400).body("error", equalTo("invalid_request"));
        caller().contentType("application/json").body(Map.of("method", "GET", "url", okta.baseUrl() + "/api/v1/users", "server", "nope"))
                .post("/v1/authorize").then().statusCode(400).body("error", equalTo("invalid_request"));
        caller().header("X-Token-Broker-Server", "nope").get("/v1/proxy/api/v1/users").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        assertThat(okta.tokenRequestsAt(ORDERS)).isZero();
    }

    @Test
    void authorizeAndProxyUseTheNamedServersToken() throws Exception {
        String authorization = caller().contentType("application/json")
                .body(Map.of("method", "GET", "url", okta.baseUrl() + "/api/v1/users", "server", "orders"))
                .post("/v1/authorize").then().statusCode(200).extract().path("headers.Authorization");
        assertThat(claims(authorization.substring("Bearer ".length())).getIssuer())
                .isEqualTo(okta.baseUrl() + "/oauth2/" + OktaServersResource.ORDERS);
        caller().get("/v1/proxy/api/v1/users").then().statusCode(200);
        // the management API takes org tokens only, as Okta's does: a custom server's token is refused there
        caller().header("X-Token-Broker-Server", "billing").get("/v1/proxy/api/v1/users").then().statusCode(401);
        assertThat(okta.tokenRequestsAt(BILLING)).isEqualTo(1);
    }

    @Test
    void aServerThatIsDownOrRefusesLeavesTheOthersServed() {
        okta.down(ORDERS, true);
        caller().get("/v1/token?server=orders").then().statusCode(503).body("error", equalTo("temporarily_unavailable"));
        caller().get("/v1/token?server=billing&scope=billing.write").then().statusCode(502)
                .body("error", equalTo("upstream_rejected")).body("error_description", containsString("invalid_scope"));
        caller().get("/v1/token").then().statusCode(200).body("scope", equalTo("okta.users.read"));
        caller().get("/v1/token?server=billing").then().statusCode(200).body("scope", equalTo("billing.read"));
        caller().get("/q/health/ready").then().statusCode(200).body("checks[0].data.server_orders", equalTo("READY"));
    }

    @Test
    void eachEndpointHasItsOwnUpstreamBudget() {
        // orders: 2 requests a minute, none reserved (a quarter of 2 rounds down)
        caller().get("/v1/token?server=orders&scope=orders.write").then().statusCode(200);
        caller().queryParam("server", "orders").queryParam("scope", "orders.read orders.write").get("/v1/token").then()
                .statusCode(200);
        caller().get("/v1/token?server=orders").then().statusCode(503).body("error_description", containsString("budget"));
        assertThat(okta.tokenRequestsAt(ORDERS)).isEqualTo(2);
        // the org server's budget (60) is untouched by it
        caller().get("/v1/token?scope=okta.apps.read").then().statusCode(200);
        caller().get("/v1/token").then().statusCode(200);
        caller().get("/v1/token?server=billing").then().statusCode(200);
    }

    @Test
    void tokenFilesForTwoServersAtOnce() throws Exception {
        Path main = Path.of(ConfigProvider.getConfig().getValue("broker.sink.files.main.path", String.class));
        Path billing = Path.of(ConfigProvider.getConfig().getValue("broker.sink.files.billing.path", String.class));
        // startCold left no servable token: each file's check fetches its server's token anew
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> okta.tokenRequestsAt(ORG) >= 1 && okta.tokenRequestsAt(BILLING) >= 1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(claims(Files.readString(main)).getIssuer()).isEqualTo(okta.baseUrl() + "/oauth2");
            assertThat(okta.issuedTokens()).contains(Files.readString(main));
            JsonObject json = new JsonObject(Files.readString(billing));
            assertThat(json.getString("scope")).isEqualTo("billing.read");
            assertThat(claims(json.getString("access_token")).getIssuer())
                    .isEqualTo(okta.baseUrl() + "/oauth2/" + OktaServersResource.BILLING);
        });
        caller().get("/q/health/ready").then().statusCode(200).body("checks[0].data.sink_files_billing_state", equalTo("WRITTEN"));
    }

    @Test
    void metricsCarryTheServer() {
        token("?server=orders");
        token("?server=orders");
        caller().get("/q/metrics").then().statusCode(200)
                .body(containsString("broker_token_requests_total{outcome=\"success\",server=\"orders\",source=\"upstream\"}"))
                .body(containsString("broker_token_requests_total{outcome=\"success\",server=\"orders\",source=\"cache\"}"))
                .body(containsString("broker_upstream_requests_total{error=\"none\",outcome=\"success\",server=\"orders\"}"))
                .body(containsString("broker_token_remaining_seconds{scope=\"orders.read\",server=\"orders\"}"));
    }
}
