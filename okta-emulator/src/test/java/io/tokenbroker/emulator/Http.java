package io.tokenbroker.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The emulator's endpoints called over loopback HTTP as a broker calls them: a form POST (with headers), a GET. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** POSTs {@code form} url-encoded; {@code headers} are name, value pairs (a DPoP proof). */
    static HttpResponse<String> post(String url, Map<String, String> form, String... headers)
            throws IOException, InterruptedException {
        return send(postRequest(url, form, headers));
    }

    /** The same POST, answered later: for a request the emulator holds. */
    static CompletableFuture<HttpResponse<String>> postAsync(String url, Map<String, String> form) {
        return CLIENT.sendAsync(postRequest(url, form), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code url}; {@code headers} are name, value pairs. */
    static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private static HttpRequest postRequest(String url, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> encoded(e.getKey()) + "=" + encoded(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
