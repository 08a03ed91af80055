package io.tokenbroker.rest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.ext.web.RoutingContext;

/** What every route's successful answer shares (error answers are {@link ErrorReply}'s). */
public final class Replies {

    private Replies() {
    }

    /** The caller went away, or an answer was already written, while this one was being prepared. */
    public static boolean callerGone(RoutingContext context) {
        return context.response().ended() || context.response().closed();
    }

    /** 200 with a JSON body that no cache may keep: it carries a token. */
    static void noStoreJson(RoutingContext context, String json) {
        context.response().putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaderNames.PRAGMA, "no-cache")
                .end(json);
    }
}
