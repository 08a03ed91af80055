package io.tokenbroker.devissuer;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP answer of the dev issuer: status, JSON body and extra headers (DPoP-Nonce, WWW-Authenticate). */
public record DevIssuerAnswer(int status, String json, Map<String, String> headers) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public DevIssuerAnswer(int status, String json) {
        this(status, json, Map.of());
    }

    DevIssuerAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new DevIssuerAnswer(status, json, Map.copyOf(more));
    }

    static DevIssuerAnswer error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new DevIssuerAnswer(status, write(body));
    }

    static DevIssuerAnswer json(int status, Map<String, Object> body) {
        return new DevIssuerAnswer(status, write(body));
    }

    static DevIssuerAnswer token(String accessToken, String tokenType, long expiresIn, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", tokenType);
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
