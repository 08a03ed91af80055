package io.tokenbroker.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One HTTP answer of the Okta stand-in: status, JSON body and extra headers (DPoP-Nonce, WWW-Authenticate). */
public record OktaAnswer(int status, String json, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    OktaAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OktaAnswer(status, json, Map.copyOf(more));
    }

    /** Okta's OAuth error body: {@code {"error","error_description"}}. */
    static OktaAnswer error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    static OktaAnswer json(int status, Map<String, Object> body) {
        try {
            return new OktaAnswer(status, JSON.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The access token of a 200 answer, null for any other answer. */
    String accessToken() {
        try {
            return status == 200 ? JSON.readTree(json).path("access_token").asText(null) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "OktaAnswer[status=" + status + "]";
    }
}
