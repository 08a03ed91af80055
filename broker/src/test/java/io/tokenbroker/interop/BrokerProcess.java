package io.tokenbroker.interop;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged broker (target/quarkus-app) in its own process, as users run it. */
final class BrokerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    BrokerProcess(String name, Map<String, String> env) throws Exception {
        port = freePort();
        managementPort = freePort();
        log = Path.of("target/broker-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited:\n" + logTail());
            }
            if (status("http://127.0.0.1:" + managementPort + "/q/health/ready", false) == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the broker did not become ready within 60 s:\n" + logTail());
    }

    /** GET /v1/token: status and body. */
    HttpResponse<String> token(String scope) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/token"
                + (scope == null ? "" : "?scope=" + scope.replace(" ", "%20")))).header("X-Token-Broker", "1").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET /v1/token?server=NAME (its default scopes): status and body. */
    HttpResponse<String> tokenFrom(String server) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/token?server=" + server))
                .header("X-Token-Broker", "1").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST /v1/authorize for one request: status and body. */
    HttpResponse<String> authorize(String method, String url, String scope) throws Exception {
        String body = "{\"method\":\"" + method + "\",\"url\":\"" + url + "\",\"scope\":\"" + scope + "\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/authorize"))
                .header("X-Token-Broker", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(String url, boolean header) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
