package io.tokenbroker.rest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Ready-to-use request headers for one outgoing request. */
@RegisterForReflection
public record AuthorizeResponse(@JsonProperty("headers") Map<String, String> headers) {

    @Override
    public String toString() {
        return "AuthorizeResponse[" + headers.keySet() + "]";
    }
}
