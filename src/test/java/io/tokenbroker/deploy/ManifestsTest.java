package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders k8s/ offline with {@code kubectl kustomize} and checks what the sidecar pattern needs:
 * the broker on loopback only, no Service, probes, limits, a restrictive security context.
 */
class ManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> render(String dir) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(false).start();
        } catch (IOException e) {
            boolean ci = "true".equals(System.getenv("CI"));
            if (ci) {
                throw new AssertionError("kubectl is required in CI to render k8s/ (.ci/run installs it)", e);
            }
            Assumptions.abort("kubectl not installed: " + e.getMessage());
            return List.of();
        }
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(out)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode container(JsonNode podSpec, String name) {
        for (JsonNode container : podSpec.path("containers")) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        throw new AssertionError("no container " + name);
    }

    @Test
    void theBaseRunsTheBrokerAsARestrictedLoopbackSidecar() throws Exception {
        List<JsonNode> documents = render("k8s/base");
        assertThat(ofKind(documents, "Service")).as("no Service may expose the broker").isEmpty();
        List<JsonNode> deployments = ofKind(documents, "Deployment");
        assertThat(deployments).hasSize(1);
        JsonNode pod = deployments.get(0).path("spec").path("template").path("spec");

        String serviceAccount = pod.path("serviceAccountName").asText();
        assertThat(ofKind(documents, "ServiceAccount")).extracting(d -> d.path("metadata").path("name").asText())
                .contains(serviceAccount);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("containers")).hasSizeGreaterThanOrEqualTo(2);

        JsonNode broker = container(pod, "token-broker");
        JsonNode security = broker.path("securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities").path("drop").toString()).contains("\"ALL\"");
        for (String kind : List.of("requests", "limits")) {
            assertThat(broker.path("resources").path(kind).path("cpu").asText()).as(kind).isNotEmpty();
            assertThat(broker.path("resources").path(kind).path("memory").asText()).as(kind).isNotEmpty();
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(broker.path(probe).path("httpGet").path("path").asText()).as(probe).startsWith("/q/health/");
        }
        assertThat(broker.path("volumeMounts").toString()).contains("\"/tmp\"");

        String configMap = broker.path("envFrom").get(0).path("configMapRef").path("name").asText();
        JsonNode config = ofKind(documents, "ConfigMap").stream()
                .filter(d -> configMap.equals(d.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("ConfigMap " + configMap + " missing"));
        assertThat(config.path("data").path("QUARKUS_HTTP_HOST").asText()).isEqualTo("127.0.0.1");
        assertThat(config.path("data").path("QUARKUS_VAULT_AUTHENTICATION_KUBERNETES_ROLE").asText()).isNotEmpty();

        JsonNode app = container(pod, "app");
        assertThat(app.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(app.path("args").toString()).contains("X-Token-Broker: 1").contains("127.0.0.1:7523");
    }

    @Test
    void theKnativeVariantScalesToZeroAndStaysClusterLocal() throws Exception {
        List<JsonNode> documents = render("k8s/overlays/knative");
        assertThat(ofKind(documents, "Deployment")).isEmpty();
        List<JsonNode> services = ofKind(documents, "Service");
        assertThat(services).hasSize(1);
        JsonNode service = services.get(0);
        assertThat(service.path("apiVersion").asText()).startsWith("serving.knative.dev/");
        assertThat(service.path("metadata").path("labels").path("networking.knative.dev/visibility").asText())
                .isEqualTo("cluster-local");
        JsonNode template = service.path("spec").path("template");
        assertThat(template.path("metadata").path("annotations").path("autoscaling.knative.dev/min-scale").asText()).isEqualTo("0");
        JsonNode container = template.path("spec").path("containers").get(0);
        assertThat(container.path("image").asText()).contains("native");
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
    }
}
