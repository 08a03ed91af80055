package io.tokenbroker.testsupport.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * HashiCorp Vault's HTTP API, for the calls quarkus-vault makes: KV v2 read/write with Vault's
 * response envelope and check-and-set ({@code options.cas}: the write is refused with 400 "check-and-set
 * parameter did not match the current version" unless cas is the current version, 0 for none), KV v2
 * metadata read and delete (every version gone), token auth ({@code X-Vault-Token}), Kubernetes auth
 * login, token lookup and renewal. Errors have Vault's shape {@code {"errors":[...]}}: 403 "permission
 * denied" for a missing or unknown token, 404 with an empty list for a missing secret, 503 "Vault is sealed".
 * Runs on a free loopback port; {@link Mode#DOWN} closes the socket, {@link Mode#UP} re-binds it.
 */
public final class VaultStandIn implements AutoCloseable {

    public enum Mode {
        UP,
        SEALED,
        DOWN
    }

    /**
     * A request as seen by the stand-in; whether a token was sent, never the token itself; the
     * X-Vault-Namespace header (null when none).
     */
    public record RecordedRequest(String method, String path, boolean hadToken, int status, String namespace) {
    }

    private record Token(Instant expiresAt, Duration ttl, List<String> policies) {
    }

    private record KubernetesRole(String role, String jwt, Duration ttl) {
    }

    private record AppRole(String roleId, String secretId, Duration ttl) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, String>>> kv = new ConcurrentHashMap<>();
    private final TransitKeys transit = new TransitKeys();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final String rootToken = "hvs." + UUID.randomUUID().toString().replace("-", "");
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "vault-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private volatile KubernetesRole kubernetes;
    private volatile AppRole appRole;
    private volatile Mode mode = Mode.UP;
    private volatile HttpServer server;
    private final int port;

    private VaultStandIn(Clock clock) throws IOException {
        this.clock = clock;
        tokens.put(rootToken, new Token(Instant.MAX, Duration.ZERO, List.of("root")));
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    public static VaultStandIn start(Clock clock) throws IOException {
        return new VaultStandIn(clock);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String rootToken() {
        return rootToken;
    }

    /** A new version of the secret at {@code path}, as a write without check-and-set makes. */
    public void putSecret(String path, Map<String, String> data) {
        synchronized (kv) {
            kv.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(Map.copyOf(data));
        }
    }

    public Optional<Map<String, String>> secret(String path) {
        List<Map<String, String>> versions = kv.get(path);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public void enableKubernetesAuth(String role, String serviceAccountJwt, Duration tokenTtl) {
        this.kubernetes = new KubernetesRole(role, serviceAccountJwt, tokenTtl);
    }

    /** AppRole auth at auth/approle: a login with this role id and secret id gets a token. */
    public void enableAppRoleAuth(String roleId, String secretId, Duration tokenTtl) {
        this.appRole = new AppRole(roleId, secretId, tokenTtl);
    }

    public synchronized void setMode(Mode newMode) throws IOException {
        if (newMode == Mode.DOWN && server != null) {
            server.stop(0);
            server = null;
        } else if (newMode != Mode.DOWN && server == null) {
            server = bind(port);
        }
        this.mode = newMode;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public long count(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
    }

    public void clearRequests() {
        requests.clear();
    }

    private HttpServer bind(int wanted) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
                created.setExecutor(executor);
                created.createContext("/", this::handle);
                created.start();
                return created;
            } catch (BindException e) {
                last = e;
                try {
                    Thread.sleep(100); // the same port may linger briefly after stop
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String token = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Vault-Token"))
                    .orElseGet(() -> bearer(exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                dispatch(exchange, method, path, token);
            } finally {
                requests.add(new RecordedRequest(method, path, token != null, exchange.getResponseCode(),
                        exchange.getRequestHeaders().getFirst("X-Vault-Namespace")));
            }
        }
    }

    private void dispatch(HttpExchange exchange, String method, String path, String token) throws IOException {
        {
            byte[] body = readBody(exchange.getRequestBody());
            if (mode == Mode.SEALED) {
                errors(exchange, 503, "Vault is sealed");
                return;
            }
            if (path.startsWith("/v1/auth/kubernetes/login") && method.equals("POST")) {
                kubernetesLogin(exchange, body);
                return;
            }
            if (path.equals("/v1/auth/approle/login") && method.equals("POST")) {
                appRoleLogin(exchange, body);
                return;
            }
            if (!valid(token)) {
                errors(exchange, 403, "permission denied");
                return;
            }
            if (path.equals("/v1/auth/token/lookup-self")) {
                lookupSelf(exchange, token);
            } else if (path.equals("/v1/auth/token/renew-self") && method.equals("POST")) {
                renewSelf(exchange, token);
            } else if (path.startsWith("/v1/transit/")) {
                transit(exchange, method, path.substring("/v1/transit/".length()), body);
            } else if (path.matches("/v1/[^/]+/data/.+")) {
                kvData(exchange, method, path, body);
            } else if (path.matches("/v1/[^/]+/metadata/.+")) {
                kvMetadata(exchange, method, path.substring(path.indexOf("/metadata/") + "/metadata/".length()));
            } else {
                errors(exchange, 404);
            }
        }
    }

    /** Creates a Transit signing key (rsa-2048, ecdsa-p256, ...), as POST /v1/transit/keys/:name does. */
    public void createTransitKey(String name, String type) {
        try {
            transit.create(name, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Imports a key pair as a new Transit key (Vault's {@code POST /v1/transit/keys/:name/import}), so
     * that a test knows the private half Vault signs with: rsa-N or ecdsa-pN after the key's size.
     */
    public void importTransitKey(String name, java.security.KeyPair pair) {
        String type = pair.getPublic() instanceof java.security.interfaces.RSAPublicKey rsa
                ? "rsa-" + rsa.getModulus().bitLength()
                : "ecdsa-p" + ((java.security.interfaces.ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize();
        transit.importKey(name, type, pair);
    }

    public void rotateTransitKey(String name) {
        try {
            transit.rotate(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public java.security.PublicKey transitPublicKey(String name, int version) {
        return transit.pair(name, version).getPublic();
    }

    /** signature_algorithm, hash_algorithm, marshaling_algorithm and key_version of each sign request. */
    public List<Map<String, String>> transitSignRequests() {
        return List.copyOf(transit.signRequests);
    }

    private void transit(HttpExchange exchange, String method, String rest, byte[] body) throws IOException {
        String[] parts = rest.split("/");
        try {
            if (parts[0].equals("keys") && parts.length == 2 && method.equals("POST")) {
                JsonNode json = body.length == 0 ? null : JSON.readTree(body);
                transit.create(parts[1], json == null ? "aes256-gcm96" : json.path("type").asText("aes256-gcm96"));
                exchange.sendResponseHeaders(204, -1);
            } else if (parts[0].equals("keys") && parts.length == 2 && method.equals("GET")) {
                if (!transit.exists(parts[1])) {
                    errors(exchange, 404);
                    return;
                }
                respond(exchange, 200, envelope(transit.describe(parts[1]), null));
            } else if (parts[0].equals("keys") && parts.length == 3 && parts[2].equals("rotate") && method.equals("POST")) {
                transit.rotate(parts[1]);
                respond(exchange, 200, envelope(transit.describe(parts[1]), null));
            } else if (parts[0].equals("sign") && parts.length >= 2 && method.equals("POST")) {
                sign(exchange, parts, JSON.readTree(body));
            } else {
                errors(exchange, 404);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            errors(exchange, 400, e.getClass().getSimpleName());
        }
    }

    private void sign(HttpExchange exchange, String[] parts, JsonNode json) throws Exception {
        String name = parts[1];
        if (!transit.exists(name)) {
            errors(exchange, 400, "signing key not found");
            return;
        }
        String hash = parts.length > 2 ? parts[2] : json.path("hash_algorithm").asText(null);
        String signatureAlgorithm = json.path("signature_algorithm").asText(null);
        String marshaling = json.path("marshaling_algorithm").asText(null);
        Map<String, Object> data = new LinkedHashMap<>();
        if (json.path("batch_input").isArray()) {
            List<Map<String, Object>> results = new ArrayList<>();
            // key_version is a top-level parameter that applies to every batch item (as quarkus-vault sends it)
            Integer common = json.hasNonNull("key_version") ? json.path("key_version").asInt() : null;
            for (JsonNode item : json.path("batch_input")) {
                Integer version = item.hasNonNull("key_version") ? Integer.valueOf(item.path("key_version").asInt()) : common;
                String signature = transit.sign(name, java.util.Base64.getDecoder().decode(item.path("input").asText()),
                        version, hash, signatureAlgorithm, marshaling);
                results.add(Map.of("signature", signature, "key_version", Integer.parseInt(signature.split(":")[1].substring(1))));
            }
            data.put("batch_results", results);
        } else {
            Integer version = json.hasNonNull("key_version") ? json.path("key_version").asInt() : null;
            String signature = transit.sign(name, java.util.Base64.getDecoder().decode(json.path("input").asText()), version,
                    hash, signatureAlgorithm, marshaling);
            data.put("signature", signature);
            data.put("key_version", Integer.parseInt(signature.split(":")[1].substring(1)));
        }
        respond(exchange, 200, envelope(data, null));
    }

    private boolean valid(String token) {
        Token known = token == null ? null : tokens.get(token);
        return known != null && clock.instant().isBefore(known.expiresAt());
    }

    private void kvData(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        String secretPath = path.substring(path.indexOf("/data/") + "/data/".length());
        if (method.equals("GET")) {
            List<Map<String, String>> versions = kv.get(secretPath);
            if (versions == null || versions.isEmpty()) {
                errors(exchange, 404);
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("data", versions.get(versions.size() - 1));
            data.put("metadata", metadata(versions.size()));
            respond(exchange, 200, envelope(data, null));
        } else if (method.equals("POST") || method.equals("PUT")) {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.path("data").isObject()) {
                errors(exchange, 400, "no data provided");
                return;
            }
            Map<String, String> data = new LinkedHashMap<>();
            json.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
            JsonNode cas = json.path("options").path("cas");
            synchronized (kv) { // the version check and the write are one step, as in Vault
                if (!cas.isMissingNode() && !cas.isNull() && cas.asInt(-1) != currentVersion(secretPath)) {
                    errors(exchange, 400, "check-and-set parameter did not match the current version");
                    return;
                }
                putSecret(secretPath, data);
            }
            respond(exchange, 200, envelope(metadata(kv.get(secretPath).size()), null));
        } else {
            errors(exchange, 405);
        }
    }

    /** GET: current_version and each version's times; DELETE: the secret and all its versions, 204 even when absent. */
    private void kvMetadata(HttpExchange exchange, String method, String secretPath) throws IOException {
        if (method.equals("DELETE")) {
            synchronized (kv) {
                kv.remove(secretPath);
            }
            exchange.sendResponseHeaders(204, -1);
        } else if (method.equals("GET")) {
            int current = currentVersion(secretPath);
            if (current == 0) {
                errors(exchange, 404);
                return;
            }
            Map<String, Object> versions = new LinkedHashMap<>();
            for (int version = 1; version <= current; version++) {
                versions.put(Integer.toString(version), Map.of("created_time", clock.instant().toString(), "deletion_time", "",
                        "destroyed", false));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("cas_required", false);
            metadata.put("created_time", clock.instant().toString());
            metadata.put("current_version", current);
            metadata.put("custom_metadata", null);
            metadata.put("delete_version_after", "0s");
            metadata.put("max_versions", 0);
            metadata.put("oldest_version", 0);
            metadata.put("updated_time", clock.instant().toString());
            metadata.put("versions", versions);
            respond(exchange, 200, envelope(metadata, null));
        } else {
            errors(exchange, 405);
        }
    }

    private int currentVersion(String secretPath) {
        List<Map<String, String>> versions = kv.get(secretPath);
        return versions == null ? 0 : versions.size();
    }

    private Map<String, Object> metadata(int version) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("created_time", clock.instant().toString());
        metadata.put("custom_metadata", null);
        metadata.put("deletion_time", "");
        metadata.put("destroyed", false);
        metadata.put("version", version);
        return metadata;
    }

    private void kubernetesLogin(HttpExchange exchange, byte[] body) throws IOException {
        KubernetesRole configured = kubernetes;
        JsonNode json = JSON.readTree(body);
        if (configured == null) {
            errors(exchange, 400, "no handler for route \"auth/kubernetes/login\". route entry not found.");
            return;
        }
        String role = json == null ? "" : json.path("role").asText("");
        if (!configured.role().equals(role)) {
            errors(exchange, 400, "invalid role name \"" + role + "\"");
            return;
        }
        if (!configured.jwt().equals(json.path("jwt").asText(""))) {
            errors(exchange, 403, "permission denied");
            return;
        }
        String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new Token(clock.instant().plus(configured.ttl()), configured.ttl(), List.of("default", "token-broker")));
        respond(exchange, 200, envelope(null, auth(token, configured.ttl(), Map.of("role", role,
                "service_account_name", "token-broker", "service_account_namespace", "default"))));
    }

    private void appRoleLogin(HttpExchange exchange, byte[] body) throws IOException {
        AppRole configured = appRole;
        JsonNode json = JSON.readTree(body);
        if (configured == null) {
            errors(exchange, 400, "no handler for route \"auth/approle/login\". route entry not found.");
            return;
        }
        if (json == null || !configured.roleId().equals(json.path("role_id").asText(""))
                || !configured.secretId().equals(json.path("secret_id").asText(""))) {
            errors(exchange, 400, "invalid role or secret ID");
            return;
        }
        String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new Token(clock.instant().plus(configured.ttl()), configured.ttl(), List.of("default", "token-broker")));
        respond(exchange, 200, envelope(null, auth(token, configured.ttl(), Map.of("role_name", "token-broker"))));
    }

    private void lookupSelf(HttpExchange exchange, String token) throws IOException {
        Token known = tokens.get(token);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accessor", "acc-" + Integer.toHexString(token.hashCode()));
        data.put("creation_ttl", known.ttl().toSeconds());
        data.put("display_name", known.policies().contains("root") ? "root" : "kubernetes-default-token-broker");
        data.put("expire_time", known.expiresAt().equals(Instant.MAX) ? null : known.expiresAt().toString());
        data.put("id", token);
        data.put("policies", known.policies());
        data.put("renewable", !known.policies().contains("root"));
        data.put("ttl", known.expiresAt().equals(Instant.MAX) ? 0
                : Math.max(0, Duration.between(clock.instant(), known.expiresAt()).toSeconds()));
        data.put("type", "service");
        respond(exchange, 200, envelope(data, null));
    }

    private void renewSelf(HttpExchange exchange, String token) throws IOException {
        Token known = tokens.get(token);
        Token renewed = new Token(clock.instant().plus(known.ttl()), known.ttl(), known.policies());
        tokens.put(token, renewed);
        respond(exchange, 200, envelope(null, auth(token, known.ttl(), Map.of())));
    }

    private static Map<String, Object> auth(String token, Duration ttl, Map<String, String> metadata) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token);
        auth.put("accessor", "acc-" + Integer.toHexString(token.hashCode()));
        auth.put("policies", List.of("default", "token-broker"));
        auth.put("token_policies", List.of("default", "token-broker"));
        auth.put("metadata", metadata);
        auth.put("lease_duration", ttl.toSeconds());
        auth.put("renewable", true);
        auth.put("entity_id", UUID.nameUUIDFromBytes(token.getBytes(StandardCharsets.UTF_8)).toString());
        auth.put("token_type", "service");
        auth.put("orphan", true);
        return auth;
    }

    private static Map<String, Object> envelope(Object data, Object auth) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("request_id", UUID.randomUUID().toString());
        envelope.put("lease_id", "");
        envelope.put("renewable", false);
        envelope.put("lease_duration", 0);
        envelope.put("data", data);
        envelope.put("wrap_info", null);
        envelope.put("warnings", null);
        envelope.put("auth", auth);
        envelope.put("mount_type", data == null ? "" : "kv");
        return envelope;
    }

    private static void errors(HttpExchange exchange, int status, String... errors) throws IOException {
        respond(exchange, status, Map.of("errors", new ArrayList<>(List.of(errors))));
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        io.tokenbroker.testsupport.JsonExchange.respond(exchange, status, body);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(1 << 20);
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
    }
}
