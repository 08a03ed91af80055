import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark-only token endpoint: answers every POST with a fixed Bearer token, validates nothing.
 * It takes Okta's network time out of start-up measurements. Never a test stand-in (those validate).
 * Usage: java StubIssuer.java PORT
 */
public class StubIssuer {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        byte[] body = ("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"bench." + "x".repeat(700)
                + "\",\"scope\":\"tokens.read\"}").getBytes(StandardCharsets.US_ASCII);
        server.createContext("/oauth2/v1/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
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
