package io.tokenbroker.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.scope.ScopePolicy;

/**
 * {@code POST /v1/authorize}: the headers for one outgoing request. Tokens are Bearer today, so the
 * answer is {@code Authorization: Bearer <token>}; DPoP proofs bound to method and URL come with
 * DPoP support.
 */
@Path("/v1/authorize")
public class AuthorizeResource {

    private static final int MAX_URL_LENGTH = 4096;

    private final TokenCache cache;
    private final ScopePolicy scopes;
    private final RequestMetrics metrics;

    AuthorizeResource(TokenCache cache, ScopePolicy scopes, RequestMetrics metrics) {
        this.cache = cache;
        this.scopes = scopes;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<AuthorizeResponse>> authorize(AuthorizeRequest request) {
        return Uni.createFrom().deferred(() -> {
            validate(request);
            return cache.get(scopes.resolve(request.scope() == null ? null : List.of(request.scope())));
        }).map(served -> {
            metrics.served(served.source());
            var token = served.token();
            return RestResponse.ResponseBuilder.ok(new AuthorizeResponse(Map.of("Authorization", token.tokenType() + " " + token.accessToken())))
                    .header("Cache-Control", "no-store")
                    .build();
        });
    }

    private static void validate(AuthorizeRequest request) {
        if (request == null) {
            throw new InvalidRequestException("a JSON body {\"method\",\"url\",\"scope\"} is required");
        }
        if (request.method() == null || !request.method().matches("[A-Z]{3,10}")) {
            throw new InvalidRequestException("method must be an HTTP method such as GET or POST");
        }
        if (request.url() == null || request.url().length() > MAX_URL_LENGTH) {
            throw new InvalidRequestException("url is required (at most " + MAX_URL_LENGTH + " characters)");
        }
        URI uri;
        try {
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidRequestException("url must be an absolute http(s) URL");
        }
    }
}
