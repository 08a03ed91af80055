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
    private final String transitMount;

    VaultKv(Environment env) {
        this.url = stripSlash(env.require("the Vault address", "QUARKUS_VAULT_URL", "VAULT_ADDR"));
        this.token = env.require("a Vault token", "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", "VAULT_TOKEN");
        this.mount = env.first("QUARKUS_VAULT_KV_SECRET_ENGINE_MOUNT_PATH").orElse("secret");
        this.transitMount = env.first("QUARKUS_VAULT_TRANSIT_SECRET_ENGINE_MOUNT_PATH").orElse("transit");
    }

    /** Creates a non-exportable Transit signing key (rsa-2048, ecdsa-p256, ...) unless it exists. */
    void createTransitKey(String name, String type) {
        HttpJson.Answer answer = HttpJson.send("POST", url + "/v1/" + transitMount + "/keys/" + name, Map.of("X-Vault-Token", token),
                Map.of("type", type, "exportable", false, "allow_plaintext_backup", false));
        check(answer, "create Transit key", transitMount + "/keys/" + name);
    }

    void rotateTransitKey(String name) {
        check(HttpJson.send("POST", url + "/v1/" + transitMount + "/keys/" + name + "/rotate", Map.of("X-Vault-Token", token), null),
                "rotate Transit key", transitMount + "/keys/" + name);
    }

    /** The public key (PEM) of the latest version and its number. */
    Map.Entry<Integer, String> latestTransitPublicKey(String name) {
        HttpJson.Answer answer = HttpJson.send("GET", url + "/v1/" + transitMount + "/keys/" + name, Map.of("X-Vault-Token", token), null);
        check(answer, "read Transit key", transitMount + "/keys/" + name);
        int latest = answer.body().path("data").path("latest_version").asInt();
        String pem = answer.body().path("data").path("keys").path(Integer.toString(latest)).path("public_key").asText("");
        if (pem.isEmpty()) {
            throw new CliException(CliException.OPERATION_FAILED, "Transit key " + name + " has no public key: not an asymmetric key");
        }
        return Map.entry(latest, pem);
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
