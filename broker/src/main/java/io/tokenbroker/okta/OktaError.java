package io.tokenbroker.okta;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An authorization server's error answer, from either the OAuth or Okta's management shape. */
record OktaError(String code, String description) {

    static Optional<OktaError> parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        if (json.path("error").isTextual()) {
            return Optional.of(new OktaError(safeCode(json.path("error").asText()),
                    json.path("error_description").asText("")));
        }
        if (json.path("errorCode").isTextual()) {
            return Optional.of(new OktaError(safeCode(json.path("errorCode").asText()),
                    json.path("errorSummary").asText("")));
        }
        return Optional.empty();
    }

    /** Error codes become metric tags: keep them short and plain. */
    private static String safeCode(String code) {
        String cleaned = code.replaceAll("[^A-Za-z0-9_.-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
