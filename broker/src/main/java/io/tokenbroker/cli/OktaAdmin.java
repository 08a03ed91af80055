package io.tokenbroker.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Okta APIs the setup needs, with an admin API token (SSWS) that is never printed: dynamic client
 * registration for the service app, app grants for okta.* scopes, and the app's JWKS credentials.
 */
final class OktaAdmin {

    record Key(String id, String kid, String status) {
    }

    private final String domain;
    private final Map<String, String> auth;

    /** @param domain the Okta org URL: https, or plain http to a loopback host only (the API token travels with every call) */
    OktaAdmin(String domain, String apiToken) {
        this.domain = SafeUrls.base(SafeUrls.secure(domain, "the Okta domain (--domain or broker.okta.domain)"));
        this.auth = Map.of("Authorization", "SSWS " + apiToken);
    }

    /**
     * Creates an API service app using private_key_jwt with {@code jwks}; returns its client id.
     *
     * @param requireDpop sets {@code dpop_bound_access_tokens} (RFC 9449 section 5.2): token requests without a proof are refused
     */
    String createServiceApp(String name, JsonNode jwks, boolean requireDpop) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", name);
        body.put("application_type", "service");
        body.put("grant_types", List.of("client_credentials"));
        body.put("response_types", List.of("token"));
        body.put("token_endpoint_auth_method", "private_key_jwt");
        body.put("jwks", jwks);
        body.put("dpop_bound_access_tokens", requireDpop);
        JsonNode app = ok(HttpJson.send("POST", domain + "/oauth2/v1/clients", auth, body), "create the service app");
        return app.path("client_id").asText();
    }

    void grant(String clientId, String scope) {
        ok(HttpJson.send("POST", apps(clientId) + "/grants", auth,
                Map.of("scopeId", scope, "issuer", domain)), "grant " + scope);
    }

    Key addKey(String clientId, JsonNode publicJwk) {
        JsonNode key = ok(HttpJson.send("POST", apps(clientId) + "/credentials/jwks", auth, publicJwk),
                "add key " + publicJwk.path("kid").asText());
        return toKey(key);
    }

    List<Key> listKeys(String clientId) {
        JsonNode keys = ok(HttpJson.send("GET", apps(clientId) + "/credentials/jwks", auth, null), "list keys");
        List<Key> result = new ArrayList<>();
        keys.forEach(k -> result.add(toKey(k)));
        return result;
    }

    void deactivateKey(String clientId, String keyId) {
        ok(HttpJson.send("POST", apps(clientId) + "/credentials/jwks/" + SafeUrls.segment(keyId, "the key id")
                + "/lifecycle/deactivate",
                auth, null), "deactivate key " + keyId);
    }

    private String apps(String clientId) {
        return domain + "/api/v1/apps/" + SafeUrls.segment(clientId, "the client id");
    }

    private static Key toKey(JsonNode key) {
        return new Key(key.path("id").asText(), key.path("kid").asText(), key.path("status").asText());
    }

    /** Okta's errors as one clear line: errorCode, errorSummary and each errorCause. */
    private static JsonNode ok(HttpJson.Answer answer, String action) {
        if (answer.ok()) {
            return answer.body();
        }
        JsonNode body = answer.body();
        StringBuilder message = new StringBuilder("Okta refused to ").append(action).append(": HTTP ").append(answer.status());
        if (body != null && body.has("errorCode")) {
            message.append(' ').append(body.path("errorCode").asText()).append(' ').append(body.path("errorSummary").asText());
            body.path("errorCauses").forEach(cause -> message.append("; ").append(cause.path("errorSummary").asText()));
        } else if (body != null && body.has("error")) {
            message.append(' ').append(body.path("error").asText()).append(' ').append(body.path("error_description").asText());
        }
        throw new CliException(CliException.OPERATION_FAILED, message.toString());
    }
}
