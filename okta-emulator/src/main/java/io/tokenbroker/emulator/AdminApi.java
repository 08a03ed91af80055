package io.tokenbroker.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Okta's admin APIs as the setup commands use them, on the emulator's domain, checking what Okta checks: the
 * {@code Authorization: SSWS <token>} header (401 E0000011 otherwise), dynamic client registration
 * bodies (400 E0000001 with errorCauses), app grants, and the app's JWKS credentials with their
 * lifecycle (an app keeps at least one active key: deactivating the last one is refused). As with Okta, what
 * it records is what the org authorization server's token endpoint then accepts: a registered app is a client
 * whose active keys sign its assertions and whose granted {@code okta.*} scopes it may ask for.
 */
public final class AdminApi {

    public record App(String clientId, JsonNode registration, List<String> grants, List<Map<String, Object>> keys) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern APP_PATH = Pattern.compile("/api/v1/apps/([^/]+)/(grants|credentials/jwks)(?:/([^/]+)/lifecycle/(activate|deactivate))?");

    private final String domain;
    private final AuthorizationServer org;
    private final String apiToken = "00" + UUID.randomUUID().toString().replace("-", "");
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    AdminApi(String domain, AuthorizationServer org) {
        this.domain = domain;
        this.org = org;
    }

    /** The Okta domain (the org URL), e.g. {@code http://127.0.0.1:port}. */
    public String domain() {
        return domain;
    }

    public String apiToken() {
        return apiToken;
    }

    public Map<String, App> apps() {
        return Map.copyOf(apps);
    }

    /** "METHOD path" of every request, oldest first. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            if (!("SSWS " + apiToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "E0000011", "Invalid token provided");
                return;
            }
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? null : JSON.readTree(bytes);
            if (path.equals("/oauth2/v1/clients") && method.equals("POST")) {
                register(exchange, body);
                return;
            }
            Matcher m = APP_PATH.matcher(path);
            App app = m.matches() ? apps.get(m.group(1)) : null;
            if (app == null) {
                error(exchange, 404, "E0000007", "Not found: Resource not found: " + path + " (AppInstance)");
            } else if (m.group(2).equals("grants") && method.equals("POST")) {
                grant(exchange, app, body);
            } else if (m.group(3) != null && method.equals("POST")) {
                lifecycle(exchange, app, m.group(3), m.group(4));
            } else if (method.equals("POST")) {
                addKey(exchange, app, body);
            } else if (method.equals("GET")) {
                respond(exchange, 200, app.keys());
            } else {
                error(exchange, 405, "E0000022", "The endpoint does not support the provided HTTP method");
            }
        }
    }

    private void register(HttpExchange exchange, JsonNode body) throws IOException {
        List<String> causes = new ArrayList<>();
        if (body == null || !body.path("client_name").isTextual()) {
            causes.add("client_name: The field cannot be left blank");
        }
        if (body != null && !"service".equals(body.path("application_type").asText())) {
            causes.add("application_type: must be service for an API service app");
        }
        if (body != null && !body.path("grant_types").toString().equals("[\"client_credentials\"]")) {
            causes.add("grant_types: must be [client_credentials]");
        }
        if (body != null && !"private_key_jwt".equals(body.path("token_endpoint_auth_method").asText())) {
            causes.add("token_endpoint_auth_method: must be private_key_jwt");
        }
        JsonNode keys = body == null ? null : body.path("jwks").path("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            causes.add("jwks: at least one key is required for private_key_jwt");
        } else {
            keys.forEach(k -> {
                if (k.has("d")) {
                    causes.add("jwks: private key material is not accepted");
                }
                if (!k.hasNonNull("kid")) {
                    causes.add("jwks: kid is required");
                }
                String modulus = k.path("n").asText("") + k.path("x").asText("") + k.path("y").asText("");
                if (modulus.contains("+") || modulus.contains("/") || modulus.contains("=")) {
                    causes.add("jwks: members must be base64url without padding");
                }
            });
        }
        if (!causes.isEmpty()) {
            error(exchange, 400, "E0000001", "Api validation failed: client", causes.toArray(String[]::new));
            return;
        }
        String clientId = "0oa" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        List<Map<String, Object>> stored = new CopyOnWriteArrayList<>();
        keys.forEach(k -> stored.add(key(k)));
        App app = new App(clientId, body, new CopyOnWriteArrayList<>(), stored);
        apps.put(clientId, app);
        publish(app);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("client_id", clientId);
        answer.put("client_id_issued_at", System.currentTimeMillis() / 1000);
        answer.put("client_name", body.path("client_name").asText());
        answer.put("application_type", "service");
        answer.put("grant_types", List.of("client_credentials"));
        answer.put("token_endpoint_auth_method", "private_key_jwt");
        respond(exchange, 201, answer);
    }

    private void grant(HttpExchange exchange, App app, JsonNode body) throws IOException {
        String scope = body == null ? "" : body.path("scopeId").asText("");
        if (!scope.startsWith("okta.") || !domain.equals(body.path("issuer").asText())) {
            error(exchange, 400, "E0000001", "Api validation failed: scopeId", "scopeId: an okta.* scope and issuer = the org URL are required");
            return;
        }
        app.grants().add(scope);
        publish(app);
        respond(exchange, 201, Map.of("id", "oag" + app.grants().size(), "scopeId", scope, "status", "ACTIVE"));
    }

    private void addKey(HttpExchange exchange, App app, JsonNode body) throws IOException {
        if (body == null || !body.hasNonNull("kid") || body.has("d")) {
            error(exchange, 400, "E0000001", "Api validation failed: jwk", "kid is required and only public keys are accepted");
            return;
        }
        if (app.keys().stream().anyMatch(k -> body.path("kid").asText().equals(k.get("kid")))) {
            error(exchange, 400, "E0000001", "Api validation failed: kid", "kid: A key with this kid already exists");
            return;
        }
        Map<String, Object> key = key(body);
        app.keys().add(key);
        publish(app);
        respond(exchange, 201, key);
    }

    private void lifecycle(HttpExchange exchange, App app, String keyId, String action) throws IOException {
        Map<String, Object> key = app.keys().stream().filter(k -> keyId.equals(k.get("id"))).findFirst().orElse(null);
        if (key == null) {
            error(exchange, 404, "E0000007", "Not found: Resource not found: " + keyId + " (JsonWebKey)");
            return;
        }
        long active = app.keys().stream().filter(k -> "ACTIVE".equals(k.get("status"))).count();
        if (action.equals("deactivate") && "ACTIVE".equals(key.get("status")) && active <= 1) {
            error(exchange, 400, "E0000001", "Api validation failed: status", "An app must keep at least one active key");
            return;
        }
        key.put("status", action.equals("deactivate") ? "INACTIVE" : "ACTIVE");
        publish(app);
        respond(exchange, 200, key);
    }

    /** The org server's view of the app: its active keys, its granted scopes. */
    private void publish(App app) {
        List<PublicJsonWebKey> active = new ArrayList<>();
        for (Map<String, Object> key : app.keys()) {
            if ("ACTIVE".equals(key.get("status"))) {
                try {
                    Map<String, Object> jwk = new LinkedHashMap<>(key);
                    jwk.remove("id");
                    jwk.remove("status");
                    active.add(PublicJsonWebKey.Factory.newPublicJwk(jwk));
                } catch (JoseException e) {
                    throw new IllegalStateException("a registered key is not a public JWK: " + key.get("kid"), e);
                }
            }
        }
        org.registerClient(app.clientId(), active, Set.copyOf(app.grants()));
    }

    private static Map<String, Object> key(JsonNode jwk) {
        Map<String, Object> key = JSON.convertValue(jwk, LinkedHashMap.class);
        key.put("id", "pks" + UUID.randomUUID().toString().replace("-", "").substring(0, 17));
        key.put("status", "ACTIVE");
        return key;
    }

    private static void error(HttpExchange exchange, int status, String code, String summary, String... causes) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("errorSummary", summary);
        body.put("errorLink", code);
        body.put("errorId", "oae" + UUID.randomUUID().toString().substring(0, 8));
        List<Map<String, String>> list = new ArrayList<>();
        for (String cause : causes) {
            list.add(Map.of("errorSummary", cause));
        }
        body.put("errorCauses", list);
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        Exchanges.respondJson(exchange, status, body);
    }
}
