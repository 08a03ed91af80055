package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * k8s/overlays/socket rendered offline: the broker listens only on a Unix domain socket, and socket and
 * token file live in an in-memory emptyDir that the application mounts too.
 */
class SocketOverlayTest {

    private static final String RUN = "/var/run/token-broker";

    @Test
    void theBrokerServesOnlyASocketAndATokenFileInAMemoryVolumeTheAppShares() throws Exception {
        List<JsonNode> documents = ManifestsTest.render("k8s/overlays/socket");
        assertThat(documents).filteredOn(d -> d.path("kind").asText().equals("Service")).isEmpty();

        JsonNode config = one(documents, "ConfigMap");
        JsonNode data = config.path("data");
        assertThat(data.path("QUARKUS_HTTP_HOST_ENABLED").asText()).isEqualTo("false");
        assertThat(data.path("QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED").asText()).isEqualTo("true");
        String socket = data.path("QUARKUS_HTTP_DOMAIN_SOCKET").asText();
        String tokenFile = data.path("BROKER_SINK_FILE_PATH").asText();
        assertThat(socket).startsWith(RUN + "/");
        assertThat(tokenFile).isEqualTo(RUN + "/token");

        JsonNode pod = one(documents, "Deployment").path("spec").path("template").path("spec");
        String volume = null;
        for (JsonNode candidate : pod.path("volumes")) {
            if (candidate.path("emptyDir").path("medium").asText().equals("Memory")) {
                volume = candidate.path("name").asText();
            }
        }
        assertThat(volume).as("an emptyDir with medium Memory").isNotNull();

        JsonNode broker = container(pod, "token-broker");
        JsonNode app = container(pod, "app");
        // the overlay keeps the base's native sidecar: one broker, an init container that keeps running
        assertThat(pod.path("containers").findValuesAsText("name")).doesNotContain("token-broker");
        assertThat(broker.path("restartPolicy").asText()).isEqualTo("Always");
        assertThat(mountOf(broker, volume).path("mountPath").asText()).isEqualTo(RUN);
        assertThat(mountOf(broker, volume).path("readOnly").asBoolean()).isFalse();
        assertThat(mountOf(app, volume).path("mountPath").asText()).isEqualTo(RUN);
        assertThat(mountOf(app, volume).path("readOnly").asBoolean()).as("the app cannot replace the broker's files").isTrue();
        // the file modes separate something only between two users: the app's is not the broker's, and it reaches
        // the socket and the token file through the pod's fsGroup
        int brokerUid = uid(pod, broker);
        assertThat(uid(pod, app)).as("the app's user").isNotEqualTo(brokerUid);
        assertThat(pod.path("securityContext").path("fsGroup").isInt()).isTrue();
        assertThat(app.path("args").toString()).contains(tokenFile).contains("--unix-socket " + socket)
                .contains("X-Token-Broker: 1").doesNotContain("127.0.0.1:7523");
        // probes still reach the management interface over the pod network
        assertThat(broker.path("startupProbe").path("httpGet").path("port").asText()).isEqualTo("management");
        assertThat(broker.path("image").asText()).isNotEmpty();
    }

    /** The container's runAsUser, or the pod's when the container sets none. */
    private static int uid(JsonNode pod, JsonNode container) {
        JsonNode own = container.path("securityContext").path("runAsUser");
        return own.isInt() ? own.asInt() : pod.path("securityContext").path("runAsUser").asInt();
    }

    private static JsonNode one(List<JsonNode> documents, String kind) {
        List<JsonNode> matching = documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }

    private static JsonNode container(JsonNode pod, String name) {
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : pod.path(list)) {
                if (name.equals(container.path("name").asText())) {
                    return container;
                }
            }
        }
        throw new AssertionError("no container " + name);
    }

    private static JsonNode mountOf(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (volume.equals(mount.path("name").asText())) {
                return mount;
            }
        }
        throw new AssertionError(container.path("name").asText() + " does not mount " + volume);
    }
}
