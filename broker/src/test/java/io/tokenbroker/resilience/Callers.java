package io.tokenbroker.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;

/** Many concurrent callers of the running broker, without a thread each. */
final class Callers {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Callers() {
    }

    /** Sends {@code count} GET /v1/token requests at once; returns the answers. */
    static List<HttpResponse<String>> call(int count, String scope) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/token"
                + (scope == null ? "" : "?scope=" + scope.replace(" ", "%20")));
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("X-Token-Broker", "1")
                    .timeout(Duration.ofSeconds(60)).GET().build();
            pending.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : pending) {
            answers.add(future.get());
        }
        return answers;
    }
}
