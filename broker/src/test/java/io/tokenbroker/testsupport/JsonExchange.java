package io.tokenbroker.testsupport;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** Writes a JSON answer on a JDK HTTP server exchange (the stand-ins' common plumbing). */
public final class JsonExchange {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonExchange() {
    }

    public static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
