package io.tokenbroker.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Vault KV v2 for the setup commands, with the broker's settings: QUARKUS_VAULT_URL (or VAULT_ADDR),
 * a token in QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN (or VAULT_TOKEN), the mount in
 * QUARKUS_VAULT_KV_SECRET_ENGINE_MOUNT_PATH (default secret). The token is never printed.
 */
final class VaultKv {

    private final String url;
    private final String token;
    private final String mount;

    VaultKv(Environment env) {
        this.url = stripSlash(env.require("the Vault address", "QUARKUS_VAULT_URL", "VAULT_ADDR"));
        this.token = env.require("a Vault token", "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", "VAULT_TOKEN");
        this.mount = env.first("QUARKUS_VAULT_KV_SECRET_ENGINE_MOUNT_PATH").orElse("secret");
    }

    Optional<Map<String, String>> read(String path) {
        HttpJson.Answer answer = HttpJson.send("GET", dataUrl(path), Map.of("X-Vault-Token", token), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        check(answer, "read", path);
        Map<String, String> data = new LinkedHashMap<>();
        answer.body().path("data").path("data").fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return Optional.of(data);
    }

    void write(String path, Map<String, String> data) {
        HttpJson.Answer answer = HttpJson.send("POST", dataUrl(path), Map.of("X-Vault-Token", token), Map.of("data", data));
        check(answer, "write", path);
    }

    String describe(String path) {
        return mount + "/" + path;
    }

    private String dataUrl(String path) {
        return url + "/v1/" + mount + "/data/" + path.replaceAll("^/+", "");
    }

    private void check(HttpJson.Answer answer, String action, String path) {
        if (!answer.ok()) {
            JsonNode errors = answer.body() == null ? null : answer.body().path("errors");
            throw new CliException(CliException.OPERATION_FAILED, "Vault refused to " + action + " " + describe(path)
                    + ": HTTP " + answer.status() + (errors == null || errors.isMissingNode() ? "" : " " + errors));
        }
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
