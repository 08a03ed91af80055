package io.tokenbroker.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a successful {@code GET /v1/token}. */
@RegisterForReflection
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("expires_at") long expiresAt,
        @JsonProperty("scope") String scope) {

    @Override
    public String toString() {
        return "TokenResponse[type=" + tokenType + ", scope=" + scope + ", expiresAt=" + expiresAt + "]";
    }
}
