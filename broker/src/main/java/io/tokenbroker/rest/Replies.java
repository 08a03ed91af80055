package io.tokenbroker.rest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** What every route's successful answer shares (error answers are {@link ErrorReply}'s). */
public final class Replies {

    // header values encoded once (Netty writes an AsciiString's bytes as they are)
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    private Replies() {
    }

    /** The caller went away, or an answer was already written, while this one was being prepared. */
    public static boolean callerGone(RoutingContext context) {
        return context.response().ended() || context.response().closed();
    }

    /** 200 with a JSON body that no cache may keep: it carries a token. */
    static void noStoreJson(RoutingContext context, Buffer json) {
        context.response().putHeader(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                .putHeader(HttpHeaderNames.CACHE_CONTROL, NO_STORE)
                .putHeader(HttpHeaderNames.PRAGMA, NO_CACHE)
                .end(json);
    }
}
