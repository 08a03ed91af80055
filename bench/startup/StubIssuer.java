import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark-only token endpoint: answers every POST with a fixed token (token_type DPoP when the
 * request carries a DPoP header, else Bearer), validates nothing.
 * It takes Okta's network time out of start-up measurements. Never a test stand-in (those validate).
 * With KEY_PEM it also answers Vault's KV v2 read of secret/token-broker/okta with that key (kid and
 * client_id "bench"), for any token, so that start-up is measured with the Vault key source.
 * Usage: java StubIssuer.java PORT [DELAY_MS=0] [EXPIRES_IN=3600] [KEY_PEM]
 */
public class StubIssuer {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        String expiresIn = args.length > 2 ? args[2] : "3600";
        java.util.concurrent.atomic.AtomicLong issued = new java.util.concurrent.atomic.AtomicLong();
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/oauth2/v1/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String type = exchange.getRequestHeaders().containsKey("DPoP") ? "DPoP" : "Bearer";
            System.out.println("issued " + (issued.get() + 1)); // one line per upstream request: benchmarks count them
            byte[] body = ("{\"token_type\":\"" + type + "\",\"expires_in\":" + expiresIn + ",\"access_token\":\"bench-" + issued.incrementAndGet()
                    + "." + "x".repeat(700) + "\",\"scope\":\"tokens.read\"}").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        if (args.length > 3) {
            String pem = java.nio.file.Files.readString(java.nio.file.Path.of(args[3]));
            String escaped = pem.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
            byte[] secret = ("{\"request_id\":\"bench\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
                    + "\"data\":{\"data\":{\"private_key\":\"" + escaped + "\",\"kid\":\"bench\",\"client_id\":\"bench\"},"
                    + "\"metadata\":{\"version\":1,\"destroyed\":false,\"deletion_time\":\"\",\"created_time\":\"2026-01-01T00:00:00Z\"}},"
                    + "\"wrap_info\":null,\"warnings\":null,\"auth\":null,\"mount_type\":\"kv\"}").getBytes(StandardCharsets.UTF_8);
            server.createContext("/v1/secret/data/token-broker/okta", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, secret.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(secret);
                }
            });
        }
        server.start();
        System.out.println("stub issuer on " + args[0]);
    }
}
