package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static io.tokenbroker.testsupport.Caller.caller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tokenbroker.testsupport.RawHttp;
import io.tokenbroker.testsupport.RawHttp.Answer;

/**
 * What a raw client gets from every layer: the DNS-rebinding rule, the origins /v1/authorize serves,
 * and the contract's JSON errors for bodies the JSON reader refuses and requests the HTTP layer
 * refuses (sent over a plain socket where an HTTP client would refuse to send them).
 */
@QuarkusTest
class HttpLayerErrorsTest {

    private static final String CALLER = "X-Token-Broker: 1";

    private static Answer raw(String head) throws IOException {
        return RawHttp.send(RestAssured.port, head);
    }

    private static Answer raw(String head, byte[] body) throws IOException {
        return RawHttp.send(RestAssured.port, head, body);
    }

    private static void assertContractError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
        assertThat(JsonPath.from(answer.body()).getString("error")).as(answer.toString()).isEqualTo(error);
        assertThat(JsonPath.from(answer.body()).getString("error_description")).isNotBlank();
    }

    @Test
    void anHttp2CleartextUpgradeIsDeclinedAndTheRequestAnsweredOverHttp1() throws Exception {
        // the JDK client asks for h2c (Upgrade: h2c); the listener offers HTTP/1.1 only, where every refusal
        // is the contract's JSON (over h2c, the codec's limits ended in stream resets)
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        var request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/token")).header("X-Token-Broker", "1").build();
        for (int exchange = 0; exchange < 2; exchange++) {
            var answer = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "evil.example:7523", "evil.example", "127.0.0.1.nip.io:7523", "localhost.evil.example" })
    void aForeignHostIsDeniedEvenWithTheCallerHeader(String host) throws IOException {
        assertContractError(raw("GET /v1/token HTTP/1.1\r\nHost: " + host + "\r\n" + CALLER), 403, "access_denied");
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1:7523", "evil.example" })
    void twoHostHeadersAreAMalformedRequest(String second) throws IOException {
        assertContractError(raw("GET /v1/token HTTP/1.1\r\nHost: 127.0.0.1:7523\r\nHost: " + second + "\r\n" + CALLER), 400,
                "invalid_request");
        assertContractError(raw("GET /v1/token HTTP/1.1\r\nHost: " + second + "\r\nHost: 127.0.0.1:7523\r\n" + CALLER), 400,
                "invalid_request");
    }

    @Test
    void aRequestWithoutHostIsDenied() throws IOException {
        assertContractError(raw("GET /v1/token HTTP/1.0\r\n" + CALLER), 403, "access_denied");
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1:7523", "localhost", "[::1]:7523", "LOCALHOST:1" })
    void loopbackHostsAreServed(String host) throws IOException {
        Answer answer = raw("GET /v1/token HTTP/1.1\r\nHost: " + host + "\r\n" + CALLER);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @Test
    void healthIsNotSubjectToTheHostRule() throws IOException {
        // in prod builds health lives on the management interface, probed by pod IP; here on the main port
        assertThat(raw("GET /q/health/live HTTP/1.1\r\nHost: 10.1.2.3:9000").status()).isEqualTo(200);
    }

    @Test
    void authorizeServesOnlyTheOktaDomainAndTheConfiguredOrigins() {
        for (String url : new String[] { "https://evil.example/x", "https://api.example.com:8443/x", "http://api.example.com/x",
                "https://api.example.com.evil.example/x" }) {
            caller().contentType(ContentType.JSON)
                    .body("{\"method\":\"GET\",\"url\":\"" + url + "\"}").post("/v1/authorize")
                    .then().statusCode(400).body("error", equalTo("invalid_request"));
        }
        for (String url : new String[] { "https://API.example.com:443/x", "http://api.example.com:8080/y" }) {
            caller().contentType(ContentType.JSON)
                    .body("{\"method\":\"GET\",\"url\":\"" + url + "\"}").post("/v1/authorize")
                    .then().statusCode(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "[]", "[{\"method\":\"GET\",\"url\":\"https://api.example.com/x\"}]", "{\"method\":{},\"url\":\"https://api.example.com/x\"}",
            "{\"method\":[\"GET\"],\"url\":\"https://api.example.com/x\"}", "{\"method\":\"GET\",\"url\":true}", "{not json", "\"GET\"",
            "null", "{\"method\":5,\"url\":\"https://api.example.com/x\"}", "{\"method\":\"GET\",\"url\":\"https://api.example.com/x\"} trailing" })
    void aBodyTheJsonReaderRefusesIsAnInvalidRequest(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertContractError(raw("POST /v1/authorize HTTP/1.1\r\nHost: localhost\r\n" + CALLER
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length, bytes), 400, "invalid_request");
    }

    @Test
    void deeplyNestedJsonIsAnInvalidRequest() throws IOException {
        byte[] body = ("{\"method\":\"GET\",\"url\":\"https://api.example.com/x\",\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .getBytes(StandardCharsets.UTF_8);
        assertContractError(raw("POST /v1/authorize HTTP/1.1\r\nHost: localhost\r\n" + CALLER
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length, body), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/token?scope=a|b", "/v1/token?scope=a%zz", "/v1/token?scope={a}", "/v1/token^", "/v1/to\"ken" })
    void aUriTheHttpLayerRefusesIsABadRequest(String target) throws IOException {
        Answer answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + CALLER);
        // the tests run with -Dvertx.disableURIValidation=true, as Main sets it for the packaged broker: HttpLimits answers
        assertThat(Boolean.getBoolean("vertx.disableURIValidation")).as("surefire runs with the shipped flag").isTrue();
        assertContractError(answer, 400, "invalid_request");
    }

    @Test
    void aRequestLineNettyCannotParseIsStillRefused() throws IOException {
        // a space inside the target makes four request-line fields: Netty's decoder refuses the message itself,
        // below any route, so this one answer has no JSON body (docs/security.md, "Request limits")
        Answer answer = raw("GET /v1/to ken HTTP/1.1\r\nHost: localhost\r\n" + CALLER);
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void aBodyOver16KibIsTooLargeInJson() throws IOException {
        byte[] body = new byte[16 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        assertContractError(raw("POST /v1/authorize HTTP/1.1\r\nHost: localhost\r\n" + CALLER
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length, body), 413, "invalid_request");
    }

    @Test
    void aChunkedBodyOver16KibIsTooLargeInJson() throws IOException {
        String chunk = " ".repeat(4096);
        String chunked = ("1000\r\n" + chunk + "\r\n").repeat(5) + "0\r\n\r\n";
        assertContractError(raw("POST /v1/authorize HTTP/1.1\r\nHost: localhost\r\n" + CALLER
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                chunked.getBytes(StandardCharsets.US_ASCII)), 413, "invalid_request");
    }

    @Test
    void anEmptyBodyAndASmallChunkedBodyStillReachTheEndpoint() throws IOException {
        assertContractError(raw("POST /v1/authorize HTTP/1.1\r\nHost: localhost\r\n" + CALLER
                + "\r\nContent-Type: application/json\r\nContent-Length: 0"), 400, "invalid_request");
        String json = "{\"method\":\"GET\",\"url\":\"https://api.example.com/x\"}";
        String chunked = Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n";
        Answer answer = raw("POST /v1/authorize HTTP/1.1\r\nHost: localhost\r\n" + CALLER
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked.getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body()).contains("Authorization");
    }

    @Test
    void aUriOverTheLineLimitIsUriTooLongInJson() throws IOException {
        assertContractError(raw("GET /v1/token?scope=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n" + CALLER), 414,
                "invalid_request");
    }

    @Test
    void aHeaderOverTheLimitIsHeaderFieldsTooLargeInJson() throws IOException {
        assertContractError(raw("GET /v1/token HTTP/1.1\r\nHost: localhost\r\n" + CALLER + "\r\nX-Filler: " + "f".repeat(20_000)), 431,
                "invalid_request");
    }
}
