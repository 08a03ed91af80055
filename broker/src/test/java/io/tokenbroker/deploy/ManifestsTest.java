package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tokenbroker.testsupport.Repository;

/**
 * Renders k8s/ offline with {@code kubectl kustomize} and checks what the sidecar pattern needs:
 * the broker on loopback only as a native sidecar, no Service, a NetworkPolicy, probes, limits sized
 * from the RSS BENCHMARKS.md records, a restrictive security context.
 */
class ManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> render(String dir) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", Repository.file(dir).toString()).redirectErrorStream(false).start();
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
        return container(podSpec, "containers", name);
    }

    private static JsonNode container(JsonNode podSpec, String list, String name) {
        for (JsonNode container : podSpec.path(list)) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        throw new AssertionError("no " + list + " entry " + name);
    }

    private static JsonNode basePod(List<JsonNode> documents) {
        List<JsonNode> deployments = ofKind(documents, "Deployment");
        assertThat(deployments).hasSize(1);
        return deployments.get(0).path("spec").path("template");
    }

    private static List<String> names(JsonNode containers) {
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    /** A memory quantity in MiB: Mi, Gi, M, G or plain bytes. */
    static double mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(Mi|Gi|M|G)?").matcher(quantity.strip());
        assertThat(m.matches()).as("memory quantity %s", quantity).isTrue();
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Mi" -> value;
            case "Gi" -> value * 1024;
            case "M" -> value * 1_000_000 / (1024 * 1024);
            case "G" -> value * 1_000_000_000 / (1024 * 1024);
            default -> value / (1024 * 1024);
        };
    }

    /** The figure BENCHMARKS.md records under "Footprint" for {@code label}, in MiB. */
    static double benchmarkFigure(String label) throws IOException {
        String text = Files.readString(Repository.file("BENCHMARKS.md"));
        Matcher m = Pattern.compile(Pattern.quote(label) + ":\\s*\\**(\\d+(?:\\.\\d+)?) MiB").matcher(text);
        assertThat(m.find()).as("BENCHMARKS.md records \"%s: N MiB\"", label).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theBaseRunsTheBrokerAsARestrictedLoopbackSidecar() throws Exception {
        List<JsonNode> documents = render("k8s/base");
        assertThat(ofKind(documents, "Service")).as("no Service may expose the broker").isEmpty();
        JsonNode pod = basePod(documents).path("spec");

        String serviceAccount = pod.path("serviceAccountName").asText();
        assertThat(ofKind(documents, "ServiceAccount")).extracting(d -> d.path("metadata").path("name").asText())
                .contains(serviceAccount);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("containers")).isNotEmpty();

        JsonNode broker = container(pod, "initContainers", "token-broker");
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
    void theBrokerIsANativeSidecarThatTheAppContainersWaitFor() throws Exception {
        JsonNode pod = basePod(render("k8s/base")).path("spec");
        assertThat(names(pod.path("containers"))).as("app containers").doesNotContain("token-broker");
        JsonNode broker = container(pod, "initContainers", "token-broker");
        // restartPolicy Always on an init container: a sidecar the kubelet starts first and stops last
        assertThat(broker.path("restartPolicy").asText()).isEqualTo("Always");
        JsonNode startup = broker.path("startupProbe").path("httpGet");
        assertThat(startup.path("path").asText()).as("app containers start once a token can be served")
                .isEqualTo("/q/health/ready");
        String port = startup.path("port").asText();
        JsonNode management = null;
        for (JsonNode declared : broker.path("ports")) {
            if (port.equals(declared.path("name").asText()) || port.equals(declared.path("containerPort").asText())) {
                management = declared;
            }
        }
        assertThat(management).as("startup probe port %s", port).isNotNull();
        assertThat(management.path("containerPort").asInt()).as("the management port").isEqualTo(9000);
    }

    @Test
    void aNetworkPolicyLetsOnlyMonitoringReachTheManagementPort() throws Exception {
        List<JsonNode> documents = render("k8s/base");
        JsonNode template = basePod(documents);
        List<JsonNode> policies = ofKind(documents, "NetworkPolicy").stream()
                .filter(p -> selects(p.path("spec").path("podSelector"), template.path("metadata").path("labels")))
                .toList();
        assertThat(policies).as("a NetworkPolicy selecting the broker's pod").hasSize(1);
        JsonNode spec = policies.get(0).path("spec");
        assertThat(spec.path("policyTypes").toString()).contains("\"Ingress\"");
        assertThat(spec.path("ingress")).isNotEmpty();
        for (JsonNode rule : spec.path("ingress")) {
            // a rule without "from" admits every source, one without "ports" every port
            assertThat(rule.path("from")).as("ingress sources").isNotEmpty();
            assertThat(rule.path("ports")).as("ingress ports").isNotEmpty();
            for (JsonNode port : rule.path("ports")) {
                assertThat(port.path("port").asText()).isIn("9000", "management");
            }
            for (JsonNode from : rule.path("from")) {
                assertThat(from.has("ipBlock")).as("no address range: %s", from).isFalse();
                assertThat(from.path("namespaceSelector").isMissingNode() && from.path("podSelector").isMissingNode())
                        .as("a selector in %s", from).isFalse();
                assertThat(from.path("namespaceSelector").isObject() && from.path("namespaceSelector").isEmpty())
                        .as("not every namespace: %s", from).isFalse();
            }
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.path("matchLabels").isEmpty()) {
            return false; // an empty selector would fence every pod of the namespace: not this example's intent
        }
        var entries = selector.path("matchLabels").fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theNativeSidecarIsSizedFromTheRssBenchmarksRecordsForTheExecutable() throws Exception {
        JsonNode broker = container(basePod(render("k8s/base")).path("spec"), "initContainers", "token-broker");
        assertThat(broker.path("image").asText()).contains("native-micro");
        assertSizedFrom(broker, "Native RSS idle", "Native RSS under load");
    }

    @Test
    void theJvmOverlayRunsTheJvmImageSizedFromItsOwnFigures() throws Exception {
        List<JsonNode> documents = render("k8s/overlays/jvm");
        JsonNode pod = basePod(documents).path("spec");
        JsonNode broker = container(pod, "initContainers", "token-broker");
        assertThat(broker.path("image").asText()).endsWith("-jvm");
        assertThat(broker.path("securityContext").path("runAsUser").asInt()).isEqualTo(185);
        assertThat(broker.path("restartPolicy").asText()).isEqualTo("Always");
        assertSizedFrom(broker, "JVM RSS idle", "JVM RSS under load");
    }

    private static void assertSizedFrom(JsonNode broker, String idleLabel, String loadLabel) throws IOException {
        double limit = mebibytes(broker.path("resources").path("limits").path("memory").asText());
        double request = mebibytes(broker.path("resources").path("requests").path("memory").asText());
        double underLoad = benchmarkFigure(loadLabel);
        double idle = benchmarkFigure(idleLabel);
        assertThat(limit).as("limit >= 1.3 x the RSS under load (%s MiB)", underLoad).isGreaterThanOrEqualTo(1.3 * underLoad);
        assertThat(request).as("request >= the idle RSS (%s MiB)", idle).isGreaterThanOrEqualTo(idle);
    }

    @Test
    void theRunOptionsComeFromTheImagesNotTheManifests() throws Exception {
        for (String variant : List.of("k8s/base", "k8s/overlays/jvm")) {
            List<JsonNode> documents = render(variant);
            JsonNode broker = container(basePod(documents).path("spec"), "initContainers", "token-broker");
            String everything = broker.path("command").toString() + broker.path("args") + broker.path("env")
                    + ofKind(documents, "ConfigMap");
            for (String second : List.of("JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "-Xmx", "-XX:")) {
                assertThat(everything).as("%s: a second copy of the run options", variant).doesNotContain(second);
            }
        }
    }

    @Test
    void theKnativeVariantRunsTheBrokerAsALoopbackSidecarOfTheWorkload() throws Exception {
        List<JsonNode> documents = render("k8s/overlays/knative");
        assertThat(ofKind(documents, "Deployment")).isEmpty();
        List<JsonNode> services = ofKind(documents, "Service");
        assertThat(services).as("one Knative Service, no Kubernetes Service").hasSize(1);
        JsonNode service = services.get(0);
        assertThat(service.path("apiVersion").asText()).startsWith("serving.knative.dev/");
        assertThat(service.path("metadata").path("labels").path("networking.knative.dev/visibility").asText())
                .isEqualTo("cluster-local");
        JsonNode template = service.path("spec").path("template");
        assertThat(template.path("metadata").path("annotations").path("autoscaling.knative.dev/min-scale").asText()).isEqualTo("0");
        JsonNode pod = template.path("spec");

        // Knative routes to the one container that declares a port: the workload, never the broker
        List<String> serving = new ArrayList<>();
        pod.path("containers").forEach(c -> {
            if (!c.path("ports").isEmpty()) {
                serving.add(c.path("name").asText());
            }
        });
        assertThat(serving).hasSize(1).doesNotContain("token-broker");
        JsonNode broker = container(pod, "token-broker");
        assertThat(broker.path("ports").isEmpty()).isTrue();
        assertThat(broker.path("image").asText()).contains("native-micro");
        assertSizedFrom(broker, "Native RSS idle", "Native RSS under load");
        assertThat(broker.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();

        String configMap = broker.path("envFrom").get(0).path("configMapRef").path("name").asText();
        JsonNode config = ofKind(documents, "ConfigMap").stream()
                .filter(d -> configMap.equals(d.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("ConfigMap " + configMap + " missing"));
        assertThat(config.path("data").path("QUARKUS_HTTP_HOST").asText()).isEqualTo("127.0.0.1");
        assertThat(config.path("data").path("QUARKUS_MANAGEMENT_HOST").asText()).isEqualTo("127.0.0.1");
        assertThat(broker.path("env").toString()).doesNotContain("QUARKUS_HTTP_HOST").doesNotContain("QUARKUS_MANAGEMENT_HOST");
    }
}
