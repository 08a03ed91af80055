package io.tokenbroker.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static io.tokenbroker.testsupport.Caller.caller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tokenbroker.testsupport.Assertions;

/**
 * The README's first command: no Okta, no Vault, and still a real signed token. Nothing is configured for
 * Okta or the key in this profile, so the Okta emulator's dev defaults apply: its domain, and a key file only
 * this user can read, whose public half the emulator has registered.
 */
@QuarkusTest
class DevDefaultTest {

    @Test
    void theOktaEmulatorServesARealSignedTokenForTheGeneratedKey() throws Exception {
        var config = ConfigProvider.getConfig();
        String domain = config.getValue("broker.okta.domain", String.class);
        assertThat(URI.create(domain).getHost()).isEqualTo("127.0.0.1");
        Path keyFile = Path.of(config.getValue("broker.key.file", String.class));
        assertThat(config.getValue("broker.key.source", String.class)).isEqualTo("file");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        String token = caller().get("/v1/token").then()
                .statusCode(200).contentType("application/json")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("tokens.read"))
                .extract().path("access_token");
        var issuerKey = (PublicJsonWebKey) new JsonWebKeySet(jwks(domain)).getJsonWebKeys().get(0);
        var decoded = Assertions.verify(token, issuerKey.getPublicKey());
        assertThat(decoded.claims().getClaimValue("cid")).isEqualTo("0oa-dev-client");
    }

    @Test
    void readyOnceTheDevKeyIsLoadedAndTheDefaultTokenPrefetched() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.default_token_ready", equalTo(true)));
    }

    private static String jwks(String domain) throws Exception {
        HttpResponse<String> keys = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(domain + "/oauth2/v1/keys")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keys.statusCode()).isEqualTo(200);
        return keys.body();
    }
}
