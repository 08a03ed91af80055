package io.tokenbroker.proxy;

import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.rest.CallerGuard;
import io.tokenbroker.rest.ErrorReply;
import io.tokenbroker.rest.Replies;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /v1/proxy/{path}}: the optional forward proxy to broker.okta.domain (off unless
 * {@code broker.proxy.enabled=true}; then 404). The caller's path and query are kept as received;
 * the scope comes from {@code X-Token-Broker-Scope}, else the default scopes, the token from the server
 * {@code X-Token-Broker-Server} names, else the default target. GET, POST, PUT, PATCH
 * and DELETE are forwarded; any other method is answered 405.
 */
@Singleton
public class ProxyRoute {

    private static final String PREFIX = "/v1/proxy";
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final boolean enabled;
    private final ProxyForwarder forwarder;
    private final ErrorReply errors;

    ProxyRoute(BrokerConfig config, ProxyForwarder forwarder, ErrorReply errors) {
        this.enabled = config.proxy().enabled();
        this.forwarder = forwarder;
        this.errors = errors;
    }

    /** After {@link CallerGuard}: the route answers only callers that passed it. */
    void install(@Observes Router router) {
        router.route(PREFIX + "/*").order(CallerGuard.ENDPOINT_ORDER).handler(this::forward);
    }

    private void forward(RoutingContext context) {
        if (!enabled) {
            ErrorReply.send(context, errors.plain(404, "not_found", "no such endpoint"));
            return;
        }
        var request = context.request();
        if (!METHODS.contains(request.method())) {
            ErrorReply.send(context, errors.plain(405, "invalid_request", "method not allowed"));
            return;
        }
        String rawPath = request.path(); // as received, still percent-encoded
        String below = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
        forwarder.forward(request.method().name(), below, request.query(), request.headers(), context.body().buffer())
                .subscribe().with(answer -> answer(context, answer), failure -> errors.fail(context, failure));
    }

    private static void answer(RoutingContext context, ProxyForwarder.Answer answer) {
        if (Replies.callerGone(context)) {
            return; // the caller went away while the Okta domain answered
        }
        var response = context.response();
        response.setStatusCode(answer.status()).headers().addAll(answer.headers());
        response.end(answer.body());
    }
}
