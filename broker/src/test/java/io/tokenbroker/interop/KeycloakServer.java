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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak (keycloak-quarkus-dist, unpacked by Maven into target/keycloak) on a free loopback
 * port, configured through its admin REST API only. Bounded waits; failures carry the log tail.
 */
final class KeycloakServer implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "interop-admin-password";
    static final String REALM = "broker";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path home;
    private final Path log;
    private final int port;
    private Process process;

    KeycloakServer() throws IOException {
        try (var dirs = Files.list(Path.of("target/keycloak"))) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak is not unpacked in target/keycloak (run with the interop profile)"));
        }
        log = Path.of("target/keycloak.log");
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String tokenUrl() {
        return tokenUrl(REALM);
    }

    String tokenUrl(String realm) {
        return url() + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    /** A fresh dev database (the H2 files under data/), so that every suite run configures from scratch. */
    void resetData() throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + port, "--features=dpop")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not start within 240 s:\n" + logTail());
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // ---- admin REST API ----

    private String adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password=" + ADMIN_PASSWORD;
        JsonNode answer = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return answer.path("access_token").asText();
    }

    HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/admin/realms" + path))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    void createRealm(List<String> scopes) throws Exception {
        createRealm(REALM, scopes);
    }

    /** A realm with these client scopes and the introspector client. */
    void createRealm(String realm, List<String> scopes) throws Exception {
        admin("POST", "", Map.of("realm", realm, "enabled", true));
        for (String scope : scopes) {
            // the introspecting client must be in the token's audience (Keycloak 26 checks it)
            admin("POST", "/" + realm + "/client-scopes", Map.of("name", scope, "protocol", "openid-connect",
                    "attributes", Map.of("include.in.token.scope", "true"),
                    "protocolMappers", List.of(Map.of("name", "introspector-audience", "protocol", "openid-connect",
                            "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", "introspector",
                                    "access.token.claim", "true", "introspection.token.claim", "true")))));
        }
        admin("POST", "/" + realm + "/clients", Map.of("clientId", "introspector", "secret", "introspector-secret", "enabled", true,
                "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false, "clientAuthenticatorType", "client-secret"));
    }

    /** A client_credentials client authenticated with private_key_jwt against an inline JWKS. */
    void createJwtClient(String clientId, String jwks, List<String> scopes) throws Exception {
        createJwtClient(clientId, jwks, scopes, false);
    }

    /** @param requireDpop Keycloak's "Require DPoP bound tokens" client setting */
    void createJwtClient(String clientId, String jwks, List<String> scopes, boolean requireDpop) throws Exception {
        createJwtClient(REALM, clientId, jwks, scopes, requireDpop);
    }

    void createJwtClient(String realm, String clientId, String jwks, List<String> scopes, boolean requireDpop) throws Exception {
        admin("POST", "/" + realm + "/clients", Map.of("clientId", clientId, "enabled", true, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "clientAuthenticatorType", "client-jwt",
                "attributes", Map.of("use.jwks.string", "true", "jwks.string", jwks,
                        "dpop.bound.access.tokens", Boolean.toString(requireDpop)),
                "optionalClientScopes", scopes));
    }

    /** The realm's OpenID Connect userinfo endpoint: a resource server that checks DPoP binding. */
    String userinfoUrl() {
        return tokenUrl().replace("/token", "/userinfo");
    }

    /** Replaces the inline JWKS of a client (key rotation: both keys registered during the switch). */
    void setJwks(String clientId, String jwks) throws Exception {
        JsonNode clients = JSON.readTree(admin("GET", "/" + REALM + "/clients?clientId=" + clientId, null).body());
        com.fasterxml.jackson.databind.node.ObjectNode client = (com.fasterxml.jackson.databind.node.ObjectNode) clients.get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) client.path("attributes")).put("jwks.string", jwks);
        admin("PUT", "/" + REALM + "/clients/" + client.path("id").asText(), client);
    }

    /** RFC 7662 introspection of a token with the realm's introspector client. */
    JsonNode introspect(String token) throws Exception {
        return introspect(REALM, token);
    }

    JsonNode introspect(String realm, String token) throws Exception {
        String credentials = java.util.Base64.getEncoder().encodeToString("introspector:introspector-secret".getBytes());
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl(realm) + "/introspect"))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
