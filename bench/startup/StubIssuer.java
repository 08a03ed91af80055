import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark-only token endpoint: answers every POST with a fixed token (token_type DPoP when the
 * request carries a DPoP header, else Bearer), validates nothing.
 * It takes Okta's network time out of start-up measurements. Never a test stand-in (those validate).
 * Usage: java StubIssuer.java PORT [DELAY_MS=0] [EXPIRES_IN=3600]
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
        server.start();
        System.out.println("stub issuer on " + args[0]);
    }
}
