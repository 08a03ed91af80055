package io.tokenbroker.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.okta.TokenTransport;

/**
 * The token endpoint over the JDK's HttpClient, for {@code token get} (the broker's REST client needs
 * the Quarkus runtime): the broker's connect and read timeouts, no redirects (a redirect would carry the
 * assertion elsewhere).
 */
final class JdkTokenTransport implements TokenTransport {

    private final URI endpoint;
    private final HttpClient client;
    private final BrokerConfig.Okta okta;

    JdkTokenTransport(URI endpoint, BrokerConfig.Okta okta) {
        this.endpoint = endpoint;
        this.okta = okta;
        this.client = HttpClient.newBuilder().connectTimeout(okta.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Uni<Reply> post(Map<String, String> form, String dpopProof) {
        return Uni.createFrom().completionStage(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(okta.readTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
            if (dpopProof != null) {
                request.header("DPoP", dpopProof);
            }
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        }).map(response -> new Reply(response.statusCode(), response.body(), name -> response.headers().firstValue(name).orElse(null)));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
