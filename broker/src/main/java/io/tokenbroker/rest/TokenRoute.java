package io.tokenbroker.rest;

import java.time.Clock;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.tokenbroker.cache.ServedToken;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.server.TokenTarget;
import io.tokenbroker.server.TokenTargets;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/token}: a ready access token for the requested (or default) scopes of the named server
 * ({@code server=NAME}; none: the default target). A Vert.x route
 * as every endpoint is (Quarkus REST's request pipeline was half of this one's profile: BENCHMARKS.md,
 * "Cached GET /v1/token"). The cached answer is written on the event loop; a fetch answers when it completes.
 */
@Singleton
public class TokenRoute {

    static final String PATH = "/v1/token";

    private final TokenTargets targets;
    private final Clock clock;
    private final RequestMetrics metrics;
    private final ErrorReply errors;
    private final TokenBody.Recent bodies = new TokenBody.Recent();

    TokenRoute(TokenTargets targets, Clock clock, RequestMetrics metrics, ErrorReply errors) {
        this.targets = targets;
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
        TokenTarget target;
        ScopeSet requested;
        ServedToken ready;
        try {
            target = targets.resolve(server(context));
        } catch (RuntimeException e) {
            errors.fail(context, e);
            return;
        }
        try {
            requested = target.scopes().resolve(context.queryParam("scope"));
            ready = target.cache().cached(requested);
        } catch (RuntimeException e) {
            errors.fail(context, e, target.name());
            return;
        }
        if (ready != null) {
            answer(context, ready, target);
            return;
        }
        target.cache().get(requested).subscribe().with(token -> answer(context, token, target),
                failure -> errors.fail(context, failure, target.name()));
    }

    /** The server parameter; null when absent. A map lookup, no list: most requests name none. */
    private static String server(RoutingContext context) {
        String name = context.queryParams().get("server");
        if (name != null && context.queryParams().getAll("server").size() > 1) {
            throw new InvalidRequestException("the server parameter must not be repeated");
        }
        return name;
    }

    private void answer(RoutingContext context, ServedToken served, TokenTarget target) {
        if (Replies.callerGone(context)) {
            return; // the caller went away while the token was fetched
        }
        metrics.served(target.name(), served.source());
        Replies.noStoreJson(context, bodies.of(served.token()).at(clock.instant()));
    }
}
