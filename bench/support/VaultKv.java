import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Vault for the benchmarks, and only the one read the broker makes of it: {@code GET
 * /v1/secret/data/token-broker/okta}, answered as Vault's KV v2 engine answers it, with KEY_PEM as
 * {@code private_key}, kid and client_id "bench" (what the scripts register with the Okta emulator). Any
 * X-Vault-Token is good enough (a request without one gets Vault's 403): the benchmarks measure the broker
 * reading its key from Vault, not Vault's checks. The tests stand Vault in themselves.
 * Usage: java VaultKv.java PORT KEY_PEM (PORT 0: any free one); prints {@code vault kv on URL} when up.
 */
public class VaultKv {

    static final String SECRET_PATH = "/v1/secret/data/token-broker/okta";

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        byte[] secret = secret(Files.readString(Path.of(args[1])));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestHeaders().getFirst("X-Vault-Token") == null) {
                    respond(exchange, 403, "{\"errors\":[\"permission denied\"]}".getBytes(StandardCharsets.UTF_8));
                } else if ("GET".equals(exchange.getRequestMethod()) && SECRET_PATH.equals(exchange.getRequestURI().getPath())) {
                    respond(exchange, 200, secret);
                } else {
                    respond(exchange, 404, "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        server.start();
        System.out.println("vault kv on http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The KV v2 read response: the secret under data.data, its version under data.metadata. */
    static byte[] secret(String pem) {
        String escaped = pem.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
        return ("{\"request_id\":\"bench\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
                + "\"data\":{\"data\":{\"private_key\":\"" + escaped + "\",\"kid\":\"bench\",\"client_id\":\"bench\"},"
                + "\"metadata\":{\"version\":1,\"destroyed\":false,\"deletion_time\":\"\",\"created_time\":\"2026-01-01T00:00:00Z\","
                + "\"custom_metadata\":null}},"
                + "\"wrap_info\":null,\"warnings\":null,\"auth\":null,\"mount_type\":\"kv\"}").getBytes(StandardCharsets.UTF_8);
    }

    static void respond(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
