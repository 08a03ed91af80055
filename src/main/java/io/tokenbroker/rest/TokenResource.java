package io.tokenbroker.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.cache.ServedToken;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopePolicy;

/** {@code GET /v1/token}: a ready access token for the requested (or default) scopes. */
@Path("/v1/token")
public class TokenResource {

    private final TokenCache cache;
    private final ScopePolicy scopes;
    private final Clock clock;
    private final RequestMetrics metrics;

    TokenResource(TokenCache cache, ScopePolicy scopes, Clock clock, RequestMetrics metrics) {
        this.cache = cache;
        this.scopes = scopes;
        this.clock = clock;
        this.metrics = metrics;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<TokenResponse>> token(@RestQuery("scope") List<String> scope) {
        return Uni.createFrom().deferred(() -> cache.get(scopes.resolve(scope)))
                .map(this::answer);
    }

    private RestResponse<TokenResponse> answer(ServedToken served) {
        metrics.served(served.source());
        IssuedToken token = served.token();
        Instant now = clock.instant();
        long expiresIn = Math.max(0, Duration.between(now, token.expiresAt()).toSeconds());
        TokenResponse body = new TokenResponse(token.accessToken(), token.tokenType(), expiresIn,
                token.expiresAt().getEpochSecond(), token.scope());
        return RestResponse.ResponseBuilder.ok(body)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
