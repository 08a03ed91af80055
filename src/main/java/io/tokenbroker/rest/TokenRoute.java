package io.tokenbroker.rest;

import java.time.Clock;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.tokenbroker.cache.ServedToken;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/token}: a ready access token for the requested (or default) scopes. A Vert.x route
 * as every endpoint is (Quarkus REST's request pipeline was half of this one's profile: BENCHMARKS.md,
 * "Cached GET /v1/token"). The cached answer is written on the event loop; a fetch answers when it completes.
 */
@Singleton
public class TokenRoute {

    static final String PATH = "/v1/token";

    private final TokenCache cache;
    private final ScopePolicy scopes;
    private final Clock clock;
    private final RequestMetrics metrics;
    private final ErrorReply errors;
    private final TokenBody.Recent bodies = new TokenBody.Recent();

    TokenRoute(TokenCache cache, ScopePolicy scopes, Clock clock, RequestMetrics metrics, ErrorReply errors) {
        this.cache = cache;
        this.scopes = scopes;
        this.clock = clock;
        this.metrics = metrics;
        this.errors = errors;
    }

    /** After {@link CallerGuard}: the route answers only callers that passed it. */
    void install(@Observes Router router) {
        router.route(PATH).order(CallerGuard.ENDPOINT_ORDER).handler(this::token);
    }

    private void token(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            ErrorReply.send(context, errors.plain(405, "invalid_request", "method not allowed"));
            return;
        }
        ScopeSet requested;
        ServedToken ready;
        try {
            requested = scopes.resolve(context.queryParam("scope"));
            ready = cache.cached(requested);
        } catch (RuntimeException e) {
            errors.fail(context, e);
            return;
        }
        if (ready != null) {
            answer(context, ready);
            return;
        }
        cache.get(requested).subscribe().with(token -> answer(context, token), failure -> errors.fail(context, failure));
    }

    private void answer(RoutingContext context, ServedToken served) {
        if (Replies.callerGone(context)) {
            return; // the caller went away while the token was fetched
        }
        metrics.served(served.source());
        Replies.noStoreJson(context, bodies.of(served.token()).at(clock.instant()));
    }
}
