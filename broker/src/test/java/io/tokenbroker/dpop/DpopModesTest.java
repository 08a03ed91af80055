package io.tokenbroker.dpop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tokenbroker.profiles.DpopAuto;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/** broker.okta.dpop=auto (the default): Bearer until the server requires DPoP, then DPoP for good. */
@QuarkusTest
@TestProfile(DpopAuto.class)
class DpopModesTest {

    @InjectStandIn
    OktaEmulator okta;

    private static JsonPath token(String scope) {
        return caller().queryParam("scope", scope).get("/v1/token").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void autoModeStaysBearerUntilTheAppRequiresDpopThenSwitchesAndRemembers() {
        StandIns.startCold(okta);
        // an app without "Require DPoP": plain Bearer, no proof sent
        assertThat(token("tokens.read").getString("token_type")).isEqualTo("Bearer");
        assertThat(okta.dpopProofs()).containsExactly("");
        String bearer = caller().contentType(ContentType.JSON)
                .body("{\"method\":\"GET\",\"url\":\"https://api.example.com/x\"}").post("/v1/authorize")
                .then().statusCode(200).extract().jsonPath().getString("headers.DPoP");
        assertThat(bearer).as("no proof for a Bearer token").isNull();

        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.dpop_mode", org.hamcrest.Matchers.equalTo("auto"))
                .body("checks[0].data.token_requests", org.hamcrest.Matchers.equalTo("bearer"));

        // the admin turns "Require DPoP" on, with nonces, as Okta's new service apps have it
        okta.issuer().dpop().require(true);
        okta.issuer().dpop().requireNonce(true);
        MutableClock.INSTANCE.advance(Duration.ofHours(2));
        assertThat(token("tokens.read").getString("token_type")).isEqualTo("DPoP");
        List<String> proofs = okta.dpopProofs();
        // Bearer refused (invalid_dpop_proof) -> proof without nonce (use_dpop_nonce) -> proof with nonce
        assertThat(proofs).hasSize(4);
        assertThat(proofs.get(1)).isEmpty();
        assertThat(proofs.get(2)).isNotEmpty();
        assertThat(proofs.get(3)).isNotEmpty();
        // no DPoP key configured: an EC P-256 key generated at start
        var proof = io.tokenbroker.testsupport.Assertions.verifyProof(proofs.get(3));
        assertThat(proof.header("alg")).isEqualTo("ES256");
        assertThat(okta.forms().stream().map(f -> f.get("client_assertion")).distinct()).hasSize(4);

        // remembered: another scope set starts with a proof and the known nonce
        assertThat(token("tokens.write").getString("token_type")).isEqualTo("DPoP");
        assertThat(okta.tokenRequests()).isEqualTo(5);
        assertThat(okta.dpopProofs().get(4)).isNotEmpty();

        given().get("/q/metrics").then().statusCode(200).body(containsString("broker_dpop_mode_switches_total{server=\"default\"} 1.0"));
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.token_requests", org.hamcrest.Matchers.equalTo("dpop"));
    }
}
