package io.tokenbroker.rest;

import io.tokenbroker.error.InvalidRequestException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@code POST /v1/authorize}: the outgoing request the headers are for, and the server whose token
 * it carries (null: the default target).
 */
record AuthorizeRequest(String method, String url, String scope, String nonce, String server) {

    private static final String REQUIRED = "a JSON body {\"method\",\"url\",\"scope\"} is required";
    private static final String UNREADABLE = "the body must be a JSON object with the fields of this endpoint";

    /**
     * Reads the request body. A body that is not a JSON object, or whose fields are not strings, is an
     * invalid request; the parser's message quotes the input, so it is neither shown nor logged. Fields
     * the endpoint does not know are ignored.
     */
    static AuthorizeRequest read(Buffer body) {
        Object value;
        try {
            value = body == null ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            // an empty or blank body is missing rather than unreadable (looked at only once decoding failed)
            throw new InvalidRequestException(body.toString().isBlank() ? REQUIRED : UNREADABLE);
        }
        if (value == null) {
            throw new InvalidRequestException(REQUIRED);
        }
        if (!(value instanceof JsonObject json)) {
            throw new InvalidRequestException(UNREADABLE);
        }
        return new AuthorizeRequest(text(json, "method"), text(json, "url"), text(json, "scope"), text(json, "nonce"),
                text(json, "server"));
    }

    private static String text(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidRequestException(UNREADABLE);
    }
}
