package io.tokenbroker.packaged;

import static io.tokenbroker.testsupport.Caller.servedToken;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tokenbroker.profiles.PackagedChannels;
import io.tokenbroker.testsupport.Caller;
import io.tokenbroker.testsupport.UnixSocketHttp;

/**
 * The packaged broker's three channels (loopback HTTP, Unix socket, token file) serving one token, its
 * management interface with health and metrics, and its JSON logs: on the native executable with -Dnative.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedChannels.class)
class PackagedChannelsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theSocketAndTheTokenFileServeTheTokenTheLoopbackListenerServes() throws Exception {
        String token = servedToken().path("access_token");

        var overSocket = UnixSocketHttp.get(PackagedChannels.SOCKET, "/v1/token", Map.of(Caller.HEADER, "1"));
        assertThat(overSocket.status()).as(overSocket.body()).isEqualTo(200);
        assertThat(JsonPath.from(overSocket.body()).getString("access_token")).isEqualTo(token);
        assertThat(UnixSocketHttp.get(PackagedChannels.SOCKET, "/v1/token", Map.of()).status()).isEqualTo(403);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PackagedChannels.SOCKET)))
                .isEqualTo("rw-rw----");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(PackagedChannels.TOKEN_FILE));
        assertThat(Files.readString(PackagedChannels.TOKEN_FILE)).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PackagedChannels.TOKEN_FILE)))
                .isEqualTo("rw-------");
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() throws Exception {
        servedToken();
        HttpResponse<String> ready = management("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(JsonPath.from(ready.body()).getString("status")).isEqualTo("UP");

        HttpResponse<String> metrics = management("/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("broker_token_requests_total", "broker_listener_info{address=\"" + PackagedChannels.SOCKET + "\",transport=\"unix\"}", "jvm_memory_used_bytes");

        Caller.caller().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void logsAreJsonLinesThatNeverHoldTheToken() throws Exception {
        String token = servedToken().path("access_token");
        ObjectMapper json = new ObjectMapper();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(PackagedChannels.LOG_FILE)
                && Files.readString(PackagedChannels.LOG_FILE).contains("Unix domain socket"));
        List<String> lines = Files.readAllLines(PackagedChannels.LOG_FILE);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.hasNonNull("level") && entry.hasNonNull("message")).as(line).isTrue();
            assertThat(line).doesNotContain(token);
        }
    }

    private static HttpResponse<String> management(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PackagedChannels.MANAGEMENT_PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
