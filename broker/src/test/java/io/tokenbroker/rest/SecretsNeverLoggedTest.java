package io.tokenbroker.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.VaultRsaPkcs8;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.TestKey;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * Runs the flow (successes and failures) with every logger at DEBUG into a file, then looks for
 * tokens, assertions, key material and the Vault token in it.
 */
@QuarkusTest
@TestProfile(VaultRsaPkcs8.class)
class SecretsNeverLoggedTest {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    @InjectStandIn
    TestKey key;

    @Test
    void noTokenAssertionKeyOrVaultTokenReachesTheLog() throws Exception {
        StandIns.startCold(okta);
        List<String> tokens = new ArrayList<>();
        tokens.add(caller().get("/v1/token").then().statusCode(200).extract().path("access_token"));
        tokens.add(caller().queryParam("scope", "tokens.write").get("/v1/token").then()
                .statusCode(200).extract().path("access_token"));
        caller().queryParam("scope", "tokens.unregistered").get("/v1/token").then().statusCode(502);
        given().get("/v1/token").then().statusCode(403);
        // a token answer with CR/LF in the token once reached the DEBUG log through a header validator's message
        String crlfAnswer = "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"crlfSecret7f3a\\r\\nX-Injected: crlfSecretTail9b2c\"}";
        okta.answerNext(200, crlfAnswer);
        caller().queryParam("scope", "tokens.read tokens.write").get("/v1/token").then().statusCode(502);
        MutableClock.INSTANCE.advance(Duration.ofSeconds(31));
        okta.answerNext(200, crlfAnswer);
        caller().contentType("application/json")
                .body("{\"method\":\"GET\",\"url\":\"https://api.example.com/x\",\"scope\":\"tokens.read tokens.write\"}")
                .post("/v1/authorize").then().statusCode(502);

        String log = Files.readString(Path.of("target/test-logs/vault-rsa.log"));
        assertThat(log).contains("token issued"); // the audit line is there, so the file is the right one
        for (String token : tokens) {
            assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.length() - 40));
        }
        for (Map<String, String> form : okta.forms()) {
            String assertion = form.get("client_assertion");
            assertThat(log).doesNotContain(assertion).doesNotContain(assertion.substring(assertion.lastIndexOf('.') + 1));
        }
        String pem = key.pkcs8Pem();
        for (String line : pem.split("\n")) {
            if (!line.startsWith("-----") && line.length() > 20) {
                assertThat(log).doesNotContain(line);
            }
        }
        String privateExponent = Base64.getEncoder().encodeToString(
                ((java.security.interfaces.RSAPrivateKey) key.pair().getPrivate()).getPrivateExponent().toByteArray());
        assertThat(log).doesNotContain(privateExponent.substring(0, 40));
        assertThat(log).doesNotContain(vault.rootToken());
        assertThat(log).doesNotContain("crlfSecret7f3a").doesNotContain("crlfSecretTail9b2c");
    }
}
