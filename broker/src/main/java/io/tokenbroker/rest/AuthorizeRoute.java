package io.tokenbroker.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.cache.ServedToken;
import io.tokenbroker.dpop.DpopMetrics.Purpose;
import io.tokenbroker.dpop.DpopNonces;
import io.tokenbroker.dpop.Htu;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.server.TokenTarget;
import io.tokenbroker.server.TokenTargets;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/authorize}: the headers for one outgoing request. For a DPoP-bound token,
 * {@code Authorization: DPoP <token>} and a fresh proof for exactly this method and URL (htu without
 * query and fragment, ath of the token, the resource server's nonce when the caller passes it back);
 * for a Bearer token just {@code Authorization: Bearer <token>}. The body is JSON: a request that
 * names another media type is answered 415.
 */
@Singleton
public class AuthorizeRoute {

    static final String PATH = "/v1/authorize";
    private static final int MAX_URL_LENGTH = 4096;

    private final TokenTargets targets;
    private final RequestMetrics metrics;
    private final ProofOrigins origins;
    private final ErrorReply errors;

    AuthorizeRoute(TokenTargets targets, RequestMetrics metrics, ProofOrigins origins, ErrorReply errors) {
        this.targets = targets;
        this.metrics = metrics;
        this.origins = origins;
        this.errors = errors;
    }

    /** After {@link CallerGuard}: the route answers only callers that passed it. */
    void install(@Observes Router router) {
        router.route(PATH).order(CallerGuard.ENDPOINT_ORDER).handler(this::authorize);
    }

    private void authorize(RoutingContext context) {
        if (!context.request().method().equals(HttpMethod.POST)) {
            ErrorReply.send(context, errors.plain(405, "invalid_request", "method not allowed"));
            return;
        }
        if (!isJson(context.request().getHeader(HttpHeaderNames.CONTENT_TYPE))) {
            ErrorReply.send(context, errors.plain(415, "invalid_request", "the body must be application/json"));
            return;
        }
        String[] server = { RequestMetrics.NO_SERVER }; // for the failure's metrics, once known
        Uni.createFrom().deferred(() -> {
            AuthorizeRequest request = AuthorizeRequest.read(context.body().buffer());
            validate(request);
            TokenTarget target = targets.resolve(request.server());
            server[0] = target.name();
            return target.cache().get(target.scopes().resolve(request.scope() == null ? null : List.of(request.scope())))
                    .flatMap(served -> headers(request, served, target));
        }).subscribe().with(headers -> answer(context, headers), failure -> errors.fail(context, failure, server[0]));
    }

    private Uni<Map<String, Object>> headers(AuthorizeRequest request, ServedToken served, TokenTarget target) {
        metrics.served(target.name(), served.source());
        var token = served.token();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", token.tokenType() + " " + token.accessToken());
        if (token.dpop().isEmpty()) {
            return Uni.createFrom().item(headers);
        }
        // a proof is a 0.1-0.4 ms signature: on a worker, so that the event loops keep serving cached tokens
        return Uni.createFrom().item(() -> {
            headers.put("DPoP", target.proofs().forResource(token.dpop().get(), request.method(), request.url(), token.accessToken(),
                    Optional.ofNullable(request.nonce()), Purpose.RESOURCE).jwt());
            return headers;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static void answer(RoutingContext context, Map<String, Object> headers) {
        if (Replies.callerGone(context)) {
            return; // the caller went away while the token was fetched
        }
        Replies.noStoreJson(context, new JsonObject().put("headers", new JsonObject(headers)).toBuffer());
    }

    /** No Content-Type is read as JSON; otherwise application/json or a +json type, parameters aside. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private void validate(AuthorizeRequest request) {
        if (request.method() == null || !request.method().matches("[A-Z]{3,10}")) {
            throw new InvalidRequestException("method must be an HTTP method such as GET or POST");
        }
        if (request.url() == null || request.url().length() > MAX_URL_LENGTH) {
            throw new InvalidRequestException("url is required (at most " + MAX_URL_LENGTH + " characters)");
        }
        try {
            Htu.of(request.url());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("url must be an absolute http(s) URL");
        }
        // for Bearer tokens too: a caller's behaviour must not change when the app starts requiring DPoP
        if (!origins.allows(request.url())) {
            throw new InvalidRequestException("url's origin is not one this broker authorizes requests for"
                    + " (the Okta domain and broker.dpop.allowed-origins)");
        }
        if (origins.isTokenEndpoint(request.url())) {
            throw new InvalidRequestException("url is the token endpoint: the broker asks for tokens itself, it signs no"
                    + " request to the token endpoint for callers");
        }
        if (request.nonce() != null && !DpopNonces.wellFormed(request.nonce())) {
            throw new InvalidRequestException("nonce must be the resource server's DPoP-Nonce value (printable ASCII, at most "
                    + DpopNonces.MAX_NONCE_LENGTH + " characters)");
        }
    }
}
