package io.tokenbroker.rest;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.Redacted;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The contract's {@code {"error","error_description"}} answers written straight to Vert.x, for the
 * routes that run outside Quarkus REST ({@link TokenRoute}, {@link CallerGuard}, {@link HttpLimits}).
 * {@link ErrorMapper} gives Quarkus REST's endpoints the same answers and logs through the same methods.
 */
@Singleton
public class ErrorReply {

    private static final Logger LOG = Logger.getLogger(ErrorReply.class);

    private final RequestMetrics metrics;

    ErrorReply(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    /** A broker failure: its status, error code, description and Retry-After. */
    void broker(RoutingContext context, BrokerException e) {
        metrics.failed(e.error());
        logRefused(e);
        var response = context.response();
        e.retryAfter().ifPresent(delay -> response.putHeader(HttpHeaderNames.RETRY_AFTER, String.valueOf(retryAfterSeconds(delay))));
        send(context, e.status(), e.error(), e.description());
    }

    /** Anything else: logged by shape only, answered 500 server_error. */
    void unexpected(RoutingContext context, Throwable e) {
        logUnexpected(e);
        plain(context, 500, "server_error", "unexpected broker failure");
    }

    void plain(RoutingContext context, int status, String error, String description) {
        metrics.failed(error);
        send(context, status, error, description);
    }

    private static void send(RoutingContext context, int status, String error, String description) {
        var response = context.response();
        if (response.ended()) {
            return; // the caller went away, or an answer was already written
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .end(new JsonObject().put("error", error).put("error_description", description).encode());
    }

    /** Whole seconds, rounded up: a client that waits exactly Retry-After is never early. */
    static long retryAfterSeconds(Duration delay) {
        return Math.max(1, (delay.toMillis() + 999) / 1000);
    }

    static void logRefused(BrokerException e) {
        if (e.status() == 400) {
            LOG.infof("caller request refused: %s: %s", e.error(), e.description());
        }
    }

    /**
     * Logs the failure's shape only: class names of the cause chain and where it was thrown. An
     * exception message may quote upstream text (a token with CR/LF reached a header validator's
     * message once), so no message is logged at any level.
     */
    static void logUnexpected(Throwable e) {
        LOG.errorf("unexpected failure: %s", Redacted.chain(e));
        if (LOG.isDebugEnabled()) {
            LOG.debugf("unexpected failure at %s", Redacted.frames(e));
        }
    }
}
