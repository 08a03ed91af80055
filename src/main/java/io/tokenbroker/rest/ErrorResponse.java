package io.tokenbroker.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every error answer: OAuth style. */
public record ErrorResponse(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {
}
