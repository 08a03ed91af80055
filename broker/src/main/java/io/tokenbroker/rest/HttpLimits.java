package io.tokenbroker.rest;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The main listener's request limits, answered in the contract's JSON like every other error: URI
 * over {@value #MAX_URI_LENGTH} characters 414, headers over {@value #MAX_HEADER_BYTES} bytes 431, a
 * body over {@code quarkus.http.limits.max-body-size} 413 (with a Content-Length or counted as a
 * chunked body arrives). These routes run before Quarkus' own (empty-bodied) size check. A request
 * body is read here, up to that limit, so that the endpoints find it in {@link RoutingContext#body()}.
 *
 * <p>Netty's decoder limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) are set above these so that a request between the two reaches this code;
 * beyond Netty's, Vert.x answers by itself (414/431 without a body). Illegal characters in the URI are
 * refused by Quarkus before any route (400 without a body) unless {@code vertx.disableURIValidation} is
 * set, as {@link io.tokenbroker.startup.Main} does before Quarkus starts: then {@link #limits} refuses them
 * here, in JSON.
 */
@Singleton
public class HttpLimits {

    static final int MAX_URI_LENGTH = 4096;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Before Quarkus' upload limit (-2), after its body handler (MIN_VALUE + 1) when it has one. */
    private static final int ORDER = -3;

    private final long maxBody;
    private final ErrorReply errors;
    private final BodyHandler bodies;

    /** Quarkus' own key, not a broker.* copy of it: one body limit, whichever layer enforces it. */
    HttpLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody, ErrorReply errors) {
        this.maxBody = maxBody.asLongValue();
        this.errors = errors;
        this.bodies = BodyHandler.create(false).setBodyLimit(this.maxBody);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::limits);
        router.route().order(ORDER).failureHandler(this::failed);
    }

    private void limits(RoutingContext context) {
        var request = context.request();
        long declaredLength = declaredLength(request.getHeader(HttpHeaderNames.CONTENT_LENGTH));
        if (request.uri().length() > MAX_URI_LENGTH) {
            answer(context, 414, "the request URI is longer than " + MAX_URI_LENGTH + " characters");
        } else if (!validUri(request.uri())) {
            answer(context, 400, "the request URI is not a valid URI");
        } else if (headerBytes(request.headers()) > MAX_HEADER_BYTES) {
            answer(context, 431, "the request headers are larger than " + MAX_HEADER_BYTES + " bytes");
        } else if (declaredLength > maxBody) {
            answer(context, 413, tooLarge());
        } else if (!request.isEnded() && hasBody(request, declaredLength)) {
            // read here, up to the limit: a chunked body fails with 413 as soon as more arrives. Only a
            // request still being read: a body handler on one that has already ended never passes it on
            bodies.handle(context);
        } else {
            context.next();
        }
    }

    private void failed(RoutingContext context) {
        int status = context.statusCode();
        if (context.response().headWritten() || context.response().ended() || status < 400 || status >= 500) {
            context.next();
        } else {
            answer(context, status, status == 413 ? tooLarge() : "the request cannot be processed");
        }
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBody + " bytes";
    }

    private void answer(RoutingContext context, int status, String description) {
        // the unread rest of the request must not be taken for the next request
        context.response().putHeader(HttpHeaderNames.CONNECTION, "close");
        ErrorReply.send(context, errors.plain(status, "invalid_request", description));
    }

    /** A Content-Length above zero, a chunked body, or HTTP/2 (whose frames carry no such header). */
    private static boolean hasBody(HttpServerRequest request, long declaredLength) {
        return declaredLength > 0 || request.version() == HttpVersion.HTTP_2
                || "chunked".equalsIgnoreCase(request.getHeader(HttpHeaderNames.TRANSFER_ENCODING));
    }

    private static boolean validUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (var header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static long declaredLength(String value) {
        return value != null && value.strip().matches("\\d{1,18}") ? Long.parseLong(value.strip()) : -1;
    }
}
