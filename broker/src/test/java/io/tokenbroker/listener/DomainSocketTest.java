package io.tokenbroker.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.SocketOnly;
import io.tokenbroker.testsupport.UnixSocketHttp;
import io.tokenbroker.testsupport.UnixSocketHttp.Answer;

/**
 * The broker with {@code quarkus.http.domain-socket-enabled=true} and {@code quarkus.http.host-enabled=false}:
 * the /v1 API and its rules on the socket only, a socket file closed to others, a stale socket file from
 * an earlier run (left at the path by the test resource) no obstacle.
 */
@QuarkusTest
@TestProfile(SocketOnly.class)
class DomainSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DomainSocketFile socketFile;

    /** The configured path (Quarkus itself binds a staged one: StagedSocketPath) */
    Path socket;

    @ConfigProperty(name = "quarkus.http.test-port")
    int tcpPort;

    @BeforeEach
    void ready() {
        socket = socketFile.path();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get("/q/health/ready", true).status()).isEqualTo(200));
    }

    private Answer get(String target, boolean header) throws IOException {
        return UnixSocketHttp.get(socket, target, header ? Map.of("X-Token-Broker", "1") : Map.of());
    }

    @Test
    void whenTheStaleSocketFileWasReplacedThenATokenIsServedOverTheSocket() throws Exception {
        Answer answer = get("/v1/token", true);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("cache-control", "no-store");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("access_token").asText()).isNotEmpty();
        assertThat(body.path("scope").asText()).isEqualTo("tokens.read");
        assertThat(body.path("expires_in").asLong()).isPositive();
    }

    @Test
    void whenTheHeaderIsMissingOnTheSocketThenAccessIsDenied() throws Exception {
        Answer answer = get("/v1/token", false);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("access_denied");
    }

    @Test
    void whenAForwardedRequestArrivesOnTheSocketThenAccessIsDenied() throws Exception {
        Answer answer = UnixSocketHttp.get(socket, "/v1/token", Map.of("X-Token-Broker", "1", "X-Forwarded-For", "10.0.0.1"));

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void theSocketFileIsOpenToOwnerAndGroupOnly() throws Exception {
        assertThat(DomainSocketFile.isSocket(socket)).isTrue();
        // restricted when Quarkus announces the listener (an asynchronous event)
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----"));
    }

    @Test
    void whenTheTcpListenerIsDisabledThenNothingListensOnItsPort() throws Exception {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), tcpPort).close())
                .isInstanceOf(ConnectException.class);
        JsonNode checks = JSON.readTree(get("/q/health/ready", true).body()).path("checks");
        JsonNode channels = null;
        for (JsonNode check : checks) {
            if (check.path("name").asText().equals("token-broker")) {
                channels = check;
            }
        }
        assertThat(channels).isNotNull();
        assertThat(channels.path("data").path("listeners").asText()).isEqualTo("unix " + socket.toAbsolutePath());
        assertThat(get("/q/metrics", false).body())
                .contains("broker_listener_info{address=\"" + socket.toAbsolutePath() + "\",transport=\"unix\"} 1.0")
                .doesNotContain("transport=\"tcp\"");
    }
}
