package io.tokenbroker.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.tokenbroker.assertion.ClientAssertions;
import io.tokenbroker.assertion.SignedAssertion;
import io.tokenbroker.key.RawKey;
import io.tokenbroker.key.SigningKey;
import io.tokenbroker.key.SigningKeys;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.TokenAnswers;
import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code token get}: one token, without a running broker, with the broker's settings (BROKER_* and
 * QUARKUS_VAULT_* variables) and its key parsing, assertion and answer code; for scripts and for
 * checking a setup.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "One-shot tokens.", subcommands = TokenCommand.Get.class)
public class TokenCommand {

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = { "Fetches one access token with the broker's configuration and prints it as /v1/token would",
                    "(or only the token with --raw). Reads BROKER_OKTA_DOMAIN or BROKER_OKTA_TOKEN_URL, BROKER_OKTA_CLIENT_ID,",
                    "BROKER_KEY_SOURCE (vault: QUARKUS_VAULT_URL, a Vault token, BROKER_KEY_VAULT_PATH; file: BROKER_KEY_FILE,",
                    "BROKER_KEY_PASSWORD), BROKER_KEY_KID, BROKER_OKTA_DEFAULT_SCOPES." })
    static class Get implements Callable<Integer> {

        private final Environment env;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--scopes", description = "Space or comma separated scopes; default: BROKER_OKTA_DEFAULT_SCOPES.")
        String scopes;

        @Option(names = "--raw", description = "Print only the access token.")
        boolean raw;

        Get(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            String tokenUrl = TokenEndpoint.derive(env.get("BROKER_OKTA_TOKEN_URL"), env.get("BROKER_OKTA_DOMAIN"),
                    env.get("BROKER_OKTA_AUTHORIZATION_SERVER").orElse("org"))
                    .orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                            "the token endpoint is not set: export BROKER_OKTA_DOMAIN or BROKER_OKTA_TOKEN_URL"));
            URI endpoint;
            try {
                endpoint = TokenEndpoint.validate(tokenUrl);
            } catch (IllegalStateException e) {
                throw new CliException(CliException.CONFIGURATION, e.getMessage());
            }
            ScopeSet scopeSet = ScopePolicy.parse(Optional.ofNullable(scopes).or(() -> env.get("BROKER_OKTA_DEFAULT_SCOPES"))
                    .orElseThrow(() -> new CliException(CliException.CONFIGURATION, "no scopes: give --scopes or export BROKER_OKTA_DEFAULT_SCOPES"))
                    .replace(',', ' '));
            SigningKey key = SigningKeys.assemble(rawKey(), env.get("BROKER_KEY_PASSWORD").map(String::toCharArray),
                    env.get("BROKER_KEY_ALGORITHM"), env.get("BROKER_KEY_KID"), env.get("BROKER_OKTA_CLIENT_ID"));
            Instant now = Instant.now();
            SignedAssertion assertion = ClientAssertions.sign(key, endpoint.toString(), now, Duration.ofMinutes(5));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            form.put("scope", scopeSet.asString());
            form.put("client_assertion_type", ClientAssertions.ASSERTION_TYPE);
            form.put("client_assertion", assertion.jwt());
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                        HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new CliException(CliException.OPERATION_FAILED, "cannot reach " + endpoint.getHost() + ": " + e.getClass().getSimpleName());
            }
            IssuedToken token;
            try {
                token = new TokenAnswers(HttpJson.JSON, Clock.systemUTC()).read(response.statusCode(), response.body(),
                        name -> response.headers().firstValue(name).orElse(null), scopeSet, now);
            } catch (io.tokenbroker.error.BrokerException e) {
                throw new CliException(CliException.OPERATION_FAILED, e.description());
            }
            var out = spec.commandLine().getOut();
            if (raw) {
                out.println(token.accessToken());
            } else {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("access_token", token.accessToken());
                answer.put("token_type", token.tokenType());
                answer.put("expires_in", Duration.between(Instant.now(), token.expiresAt()).toSeconds());
                answer.put("expires_at", token.expiresAt().getEpochSecond());
                answer.put("scope", token.scope());
                out.println(HttpJson.JSON.writeValueAsString(answer));
            }
            return 0;
        }

        private RawKey rawKey() {
            String source = env.get("BROKER_KEY_SOURCE").orElse("vault").toLowerCase();
            if (source.equals("file")) {
                String file = env.require("the key file", "BROKER_KEY_FILE");
                try {
                    return new RawKey(Files.readString(Path.of(file)), Optional.empty(), Optional.empty(), "broker.key.file " + file);
                } catch (java.io.IOException e) {
                    throw new CliException(CliException.CONFIGURATION, "cannot read the key file " + file);
                }
            }
            if (!source.equals("vault")) {
                throw new CliException(CliException.CONFIGURATION, "token get supports BROKER_KEY_SOURCE=vault or file, not " + source);
            }
            String path = env.first("BROKER_KEY_VAULT_PATH").orElse("token-broker/okta");
            VaultKv vault = new VaultKv(env);
            Map<String, String> secret = vault.read(path)
                    .orElseThrow(() -> new CliException(CliException.CONFIGURATION, "no secret in Vault at " + vault.describe(path)));
            return new RawKey(secret.getOrDefault("private_key", ""), Optional.ofNullable(secret.get("kid")),
                    Optional.ofNullable(secret.get("client_id")), "vault " + vault.describe(path));
        }

        private static String encode(Map<String, String> form) {
            return form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }
}
