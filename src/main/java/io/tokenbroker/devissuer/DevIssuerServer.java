package io.tokenbroker.devissuer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a {@link DevIssuer} over HTTP on a free loopback port, with Okta's org authorization
 * server layout: {@code POST /oauth2/v1/token} and {@code GET /oauth2/v1/keys}. Tests extend it
 * through {@link #handleToken(HttpExchange, Map)} to inject faults.
 */
public class DevIssuerServer implements AutoCloseable {

    public static final String TOKEN_PATH = "/oauth2/v1/token";
    public static final String KEYS_PATH = "/oauth2/v1/keys";
    /** A protected API on the same domain (Okta's management API lives under /api/v1). */
    public static final String API_PATH = "/api/";
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final DevIssuer issuer;
    private final DevResourceServer resources;

    public DevIssuerServer(Clock clock) throws IOException {
        // no Nagle delay on keep-alive answers (read once, when the JDK HTTP server is first used)
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "dev-issuer");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        issuer = new DevIssuer(clock, baseUrl() + TOKEN_PATH);
        server.createContext(TOKEN_PATH, this::token);
        resources = new DevResourceServer(issuer, clock);
        server.createContext(KEYS_PATH, exchange -> respond(exchange, 200, issuer.jwks().toJson()));
        server.createContext(API_PATH, this::resource);
        server.start();
    }

    /** {@code http://127.0.0.1:port}: the "Okta domain" of this issuer. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public DevIssuer issuer() {
        return issuer;
    }

    public DevResourceServer resources() {
        return resources;
    }

    private void resource(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readNBytes(MAX_FORM_BYTES), StandardCharsets.UTF_8);
            handleResource(exchange, body);
        }
    }

    /** Answers one request to the protected API; override to observe them, then call {@code super}. */
    protected void handleResource(HttpExchange exchange, String body) throws IOException {
        var proofs = exchange.getRequestHeaders().get("DPoP");
        String url = baseUrl() + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        respond(exchange, resources.handle(exchange.getRequestMethod(), url,
                exchange.getRequestHeaders().getFirst("Authorization"), proofs == null || proofs.size() != 1 ? null : proofs.get(0), body));
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"invalid_request\",\"error_description\":\"POST required\"}");
                return;
            }
            handleToken(exchange, readForm(exchange.getRequestBody()));
        }
    }

    /** Answers one token request; override to add faults, then call {@code super}. */
    protected void handleToken(HttpExchange exchange, Map<String, String> form) throws IOException {
        var proofs = exchange.getRequestHeaders().get("DPoP");
        if (proofs != null && proofs.size() > 1) {
            respond(exchange, 400, "{\"error\":\"invalid_dpop_proof\",\"error_description\":\"More than one DPoP header.\"}");
            return;
        }
        respond(exchange, issuer.token(form, proofs == null ? null : proofs.get(0)));
    }

    protected static void respond(HttpExchange exchange, DevIssuerAnswer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        respond(exchange, answer.status(), answer.json());
    }

    protected static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> readForm(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
        if (bytes.length > MAX_FORM_BYTES) {
            throw new IOException("form too large");
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(bytes, StandardCharsets.US_ASCII).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
