package io.tokenbroker.rest;

import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.Redacted;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place where failures become the contract's {@code {"error","error_description"}} answers:
 * status, body, Retry-After, the error metric and what is logged; {@link #send} writes an {@link Answer}
 * to the route's response. Every endpoint is a Vert.x route, so this is also the only place an error
 * answer is written, the 404 for a path nothing serves included (a route behind all others on the main
 * listener; the management interface has its own router).
 */
@Singleton
public class ErrorReply {

    private static final Logger LOG = Logger.getLogger(ErrorReply.class);
    /** Behind every endpoint and whatever Quarkus adds to the main router (health and metrics in dev and test). */
    private static final int UNKNOWN_PATH_ORDER = Integer.MAX_VALUE / 2;

    /** One error answer; Retry-After in whole seconds when the failure is transient. */
    public record Answer(int status, ErrorResponse body, OptionalLong retryAfterSeconds) {
    }

    private final RequestMetrics metrics;

    ErrorReply(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route().order(UNKNOWN_PATH_ORDER).handler(context -> send(context, plain(404, "not_found", "no such endpoint")));
    }

    /** A broker failure: its status, error code, description and Retry-After. */
    Answer broker(BrokerException e) {
        return broker(e, RequestMetrics.NO_SERVER);
    }

    /** @param server the token target the request was for, as the metrics' server tag */
    private Answer broker(BrokerException e, String server) {
        if (e.status() == 400) {
            LOG.infof("caller request refused: %s: %s", e.error(), e.description());
        }
        return answer(e.status(), e.error(), e.description(), e.retryAfter().stream().mapToLong(ErrorReply::retryAfterSeconds).findFirst(),
                server);
    }

    /**
     * Anything else, answered 500 server_error and logged by shape only: class names of the cause chain
     * and where it was thrown. An exception message may quote upstream text (a token with CR/LF reached a
     * header validator's message once), so no message is logged at any level.
     */
    Answer unexpected(Throwable e) {
        LOG.errorf("unexpected failure: %s", Redacted.chain(e));
        if (LOG.isDebugEnabled()) {
            LOG.debugf("unexpected failure at %s", Redacted.frames(e));
        }
        return plain(500, "server_error", "unexpected broker failure");
    }

    public Answer plain(int status, String error, String description) {
        return answer(status, error, description, OptionalLong.empty(), RequestMetrics.NO_SERVER);
    }

    private Answer answer(int status, String error, String description, OptionalLong retryAfterSeconds, String server) {
        metrics.failed(server, error);
        return new Answer(status, new ErrorResponse(error, description), retryAfterSeconds);
    }

    /** Answers a route's failure: a broker failure as itself, anything else as 500 server_error. */
    public void fail(RoutingContext context, Throwable failure) {
        fail(context, failure, RequestMetrics.NO_SERVER);
    }

    /** Like {@link #fail(RoutingContext, Throwable)} for a request for the token target {@code server}. */
    public void fail(RoutingContext context, Throwable failure, String server) {
        send(context, failure instanceof BrokerException e ? broker(e, server) : unexpected(failure));
    }

    /** Writes {@code answer} to a Vert.x route's response (nothing when one was already written). */
    public static void send(RoutingContext context, Answer answer) {
        var response = context.response();
        if (response.ended()) {
            return;
        }
        answer.retryAfterSeconds().ifPresent(seconds -> response.putHeader(HttpHeaderNames.RETRY_AFTER, String.valueOf(seconds)));
        response.setStatusCode(answer.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .end(answer.body().toJson());
    }

    /** Whole seconds, rounded up: a client that waits exactly Retry-After is never early. */
    static long retryAfterSeconds(Duration delay) {
        return Math.max(1, (delay.toMillis() + 999) / 1000);
    }
}
