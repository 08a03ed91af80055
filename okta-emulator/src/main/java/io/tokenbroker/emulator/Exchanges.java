package io.tokenbroker.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** Reading and answering the JDK HTTP server's exchanges the way Okta's endpoints do (JSON, no-store). */
final class Exchanges {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Exchanges() {
    }

    static void respond(HttpExchange exchange, OktaAnswer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        respond(exchange, answer.status(), answer.json());
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code body} written as JSON (the admin API's objects and lists). */
    static void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        try {
            respond(exchange, status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write the answer as JSON", e);
        }
    }

    /** An application/x-www-form-urlencoded body; the first occurrence of a repeated parameter wins. */
    static Map<String, String> form(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
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

    /**
     * The JDK server routes by path prefix; Okta's endpoints answer their exact path only. Answers Okta's 404 (and
     * says so) for anything longer, e.g. {@code /oauth2/v1/tokens}.
     */
    static boolean notExactly(HttpExchange exchange, String path) throws IOException {
        if (exchange.getRequestURI().getPath().equals(path)) {
            return false;
        }
        notFound(exchange);
        return true;
    }

    static void notFound(HttpExchange exchange) throws IOException {
        respond(exchange, 404, "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not found\"}");
    }

    /** Path and query as received, e.g. {@code /api/v1/users?limit=2}. */
    static String target(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
    }
}
