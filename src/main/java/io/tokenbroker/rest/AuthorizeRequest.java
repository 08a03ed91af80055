package io.tokenbroker.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of {@code POST /v1/authorize}: the outgoing request the headers are for. */
@RegisterForReflection
public record AuthorizeRequest(
        @JsonProperty("method") String method,
        @JsonProperty("url") String url,
        @JsonProperty("scope") String scope,
        @JsonProperty("nonce") String nonce) {
}
