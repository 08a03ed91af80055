package io.tokenbroker.rest;

import java.time.Clock;
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
        TokenResponse body = TokenResponse.of(served.token(), clock.instant());
        return RestResponse.ResponseBuilder.ok(body)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
