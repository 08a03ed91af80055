package io.tokenbroker.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the emulator's JSON answers, and asserting Okta's error answers as a whole. */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Okta's OAuth error: this status, {@code error} and an {@code error_description} containing {@code hint}. */
    static void assertRefused(OktaAnswer answer, int status, String error, String hint) {
        assertRefused(answer.status(), answer.json(), status, error, hint);
    }

    static void assertRefused(int actualStatus, String body, int status, String error, String hint) {
        assertThat(actualStatus).as(body).isEqualTo(status);
        JsonNode json = json(body);
        assertThat(json.path("error").asText()).as(body).isEqualTo(error);
        assertThat(json.path("error_description").asText()).as(body).contains(hint);
    }
}
