package io.tokenbroker.rest;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tokenbroker.okta.IssuedToken;
import io.vertx.core.json.JsonObject;

/** The body of a successful {@code GET /v1/token}. */
@RegisterForReflection
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("expires_at") long expiresAt,
        @JsonProperty("scope") String scope) {

    /** The answer for {@code token} at {@code now}: expires_in is what is left then. */
    public static TokenResponse of(IssuedToken token, Instant now) {
        return new TokenResponse(token.accessToken(), token.tokenType(), expiresIn(token, now), token.expiresAt().getEpochSecond(),
                token.scope());
    }

    /** The whole seconds {@code token} has left at {@code now}, never negative. */
    static long expiresIn(IssuedToken token, Instant now) {
        return Math.max(0, Duration.between(now, token.expiresAt()).toSeconds());
    }

    /**
     * The body, as {@link TokenRoute} answers it and the file sink's json format writes it: the same
     * JSON Jackson writes for this record (names of the annotations, in their order; TokenResponseTest
     * holds the two equal), built without a databind lookup per request.
     */
    public String toJson() {
        return new JsonObject()
                .put("access_token", accessToken)
                .put("token_type", tokenType)
                .put("expires_in", expiresIn)
                .put("expires_at", expiresAt)
                .put("scope", scope)
                .encode();
    }

    @Override
    public String toString() {
        return "TokenResponse[type=" + tokenType + ", scope=" + scope + ", expiresAt=" + expiresAt + "]";
    }
}
