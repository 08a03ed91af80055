package io.tokenbroker.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.tokenbroker.okta.IssuedToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * The {@code GET /v1/token} body of one issued token, encoded to bytes once: between two answers for the
 * same token only {@code expires_in} changes. The bytes are exactly {@link TokenResponse#toJson()}'s
 * (TokenBodyTest holds them equal); encoding that JSON on every request was the largest share of the
 * cached path's CPU with the C1-only JVM the image ships (BENCHMARKS.md).
 */
final class TokenBody {

    private final IssuedToken token;
    /** {@code {"access_token":…,"token_type":…,"expires_in":} */
    private final byte[] head;
    /** {@code ,"expires_at":…,"scope":…}} */
    private final byte[] tail;

    private TokenBody(IssuedToken token) {
        this.token = token;
        this.head = ("{\"access_token\":" + Json.encode(token.accessToken()) + ",\"token_type\":" + Json.encode(token.tokenType())
                + ",\"expires_in\":").getBytes(StandardCharsets.UTF_8);
        this.tail = (",\"expires_at\":" + token.expiresAt().getEpochSecond() + ",\"scope\":" + Json.encode(token.scope()) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The body for this token at {@code now}. */
    Buffer at(Instant now) {
        String expiresIn = Long.toString(TokenResponse.expiresIn(token, now));
        return Buffer.buffer(head.length + expiresIn.length() + tail.length).appendBytes(head).appendString(expiresIn)
                .appendBytes(tail);
    }

    /**
     * The encoded bodies of the tokens served lately: a few slots chosen by the token's identity, each
     * replaced when another token lands in it (a refresh, or more scope sets than slots); the cache holds
     * at most {@link #SLOTS} tokens, and a token that lost its slot is simply encoded again.
     */
    static final class Recent {

        static final int SLOTS = 8;
        private final AtomicReferenceArray<TokenBody> slots = new AtomicReferenceArray<>(SLOTS);

        TokenBody of(IssuedToken token) {
            int slot = System.identityHashCode(token) & (SLOTS - 1);
            TokenBody body = slots.get(slot);
            if (body == null || body.token != token) {
                body = new TokenBody(token);
                slots.set(slot, body);
            }
            return body;
        }
    }
}
