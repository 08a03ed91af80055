import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

/**
 * The approach token-broker replaces, as a load generator: every caller request signs its own
 * RS256 client assertion and calls the token endpoint (what get_access_token.py does per call).
 * It signs as the benchmark client (client_id and kid "bench", as the scripts register PKCS8_PEM_FILE with the
 * Okta emulator), so the token endpoint checks each assertion as Okta would.
 * JDK only. Usage: java SeedClient.java TOKEN_URL PKCS8_PEM_FILE THREADS SECONDS
 * Prints: requests, requests/s, upstream calls per caller request.
 */
public class SeedClient {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String pem = Files.readString(Path.of(args[1])).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        int threads = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LongAdder done = new LongAdder();
        LongAdder upstream = new LongAdder();
        Thread[] workers = new Thread[threads];
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                SecureRandom random = new SecureRandom();
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                try {
                    while (System.nanoTime() < deadline) {
                        long now = System.currentTimeMillis() / 1000;
                        byte[] jti = new byte[32];
                        random.nextBytes(jti);
                        String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
                        String claims = b64.encodeToString(("{\"iss\":\"bench\",\"sub\":\"bench\",\"aud\":\"" + url + "\",\"iat\":" + now
                                + ",\"exp\":" + (now + 300) + ",\"jti\":\"" + b64.encodeToString(jti) + "\"}").getBytes(StandardCharsets.UTF_8));
                        Signature signature = Signature.getInstance("SHA256withRSA");
                        signature.initSign(key);
                        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
                        String jwt = header + "." + claims + "." + b64.encodeToString(signature.sign());
                        String form = "grant_type=client_credentials&scope=tokens.read&client_assertion_type="
                                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                                + "&client_assertion=" + jwt;
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                        upstream.increment();
                        if (response.statusCode() == 200) {
                            done.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("seed threads=%d requests=%d requests_per_s=%.0f upstream_per_request=%.2f%n", threads, done.sum(),
                done.sum() / seconds, upstream.sum() / (double) Math.max(1, done.sum()));
    }
}
