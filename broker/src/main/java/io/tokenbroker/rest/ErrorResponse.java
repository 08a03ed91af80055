package io.tokenbroker.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonObject;

/** Every error answer: OAuth style. */
@RegisterForReflection
public record ErrorResponse(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {

    /** The JSON Jackson writes for this record (ErrorReplyTest holds the two equal), for the Vert.x routes. */
    public String toJson() {
        return new JsonObject().put("error", error).put("error_description", errorDescription).encode();
    }
}
