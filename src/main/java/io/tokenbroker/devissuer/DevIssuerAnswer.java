package io.tokenbroker.devissuer;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP answer of the dev issuer: status and JSON body. */
public record DevIssuerAnswer(int status, String json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static DevIssuerAnswer error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new DevIssuerAnswer(status, write(body));
    }

    static DevIssuerAnswer token(String accessToken, long expiresIn, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        body.put("access_token", accessToken);
        body.put("scope", scope);
        return new DevIssuerAnswer(200, write(body));
    }

    private static String write(Map<String, Object> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DevIssuerAnswer[status=" + status + "]";
    }
}
