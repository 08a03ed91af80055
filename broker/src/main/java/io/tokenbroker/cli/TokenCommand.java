package io.tokenbroker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.tokenbroker.assertion.ClientAssertions;
import io.tokenbroker.clock.TimerPause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.key.KeySettings;
import io.tokenbroker.key.RawKey;
import io.tokenbroker.key.SigningKey;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.StandaloneTokenClient;
import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.server.ServerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code token get}: one token without a running broker, with the broker's configuration, key
 * handling and token request path (a fresh assertion per attempt, retries with backoff, the answer
 * checks); only the HTTP exchange is the JDK's. Bearer only.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "One-shot tokens.", subcommands = TokenCommand.Get.class)
public class TokenCommand {

    static final String DPOP_REQUIRED = "the app requires DPoP-bound tokens and token get is Bearer-only:"
            + " use the running broker (GET /v1/token) for this app";

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = { "Fetches one access token with the broker's configuration and prints it as /v1/token would",
                    "(or only the token with --raw). Reads the broker's keys: broker.okta.domain or broker.okta.token-url,",
                    "broker.okta.client-id, broker.okta.default-scopes, broker.key.source (vault: quarkus.vault.*, else VAULT_ADDR,",
                    "VAULT_TOKEN, ~/.vault-token, and broker.key.vault.path; file: broker.key.file, broker.key.password),",
                    "broker.key.kid, broker.assertion.lifetime,",
                    "broker.retry.*; as environment variables by the usual mapping (BROKER_OKTA_DOMAIN, ...)." })
    static class Get implements Callable<Integer> {

        private final CliConfig config;
        private final Clock clock = Clock.systemUTC();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--scopes", description = "Space or comma separated scopes; default: broker.okta.default-scopes.")
        String scopes;

        @Option(names = "--raw", description = "Print only the access token.")
        boolean raw;

        @Option(names = "--server", description = "A server of broker.servers (its endpoint, scopes, client id and key);"
                + " default: the unnamed default target.")
        String server;

        Get(CliConfig config) {
            this.config = config;
        }

        @Override
        public Integer call() throws Exception {
            BrokerConfig broker = config.broker();
            TokenEndpoint endpoint;
            ServerSettings named;
            try {
                named = server == null || server.equals("default") ? null : ServerSettings.named(broker, server);
                endpoint = named == null ? TokenEndpoint.configured(broker) : TokenEndpoint.fixed(named.tokenUrl());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new CliException(CliException.CONFIGURATION, e.getMessage());
            }
            Optional<java.util.List<String>> defaults = named == null ? broker.okta().defaultScopes()
                    : Optional.of(named.defaultScopes());
            String defaultsKey = named == null ? "broker.okta.default-scopes (BROKER_OKTA_DEFAULT_SCOPES)"
                    : named.prefix() + ".default-scopes";
            ScopeSet scopeSet = ScopePolicy.parse(Optional.ofNullable(scopes).map(s -> s.replace(',', ' '))
                    .or(() -> defaults.filter(s -> !s.isEmpty()).map(list -> String.join(" ", list)))
                    .orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                            "no scopes: give --scopes or set " + defaultsKey)));
            KeySettings keySettings = named == null ? KeySettings.of(broker) : named.key();
            Optional<String> clientId = named == null ? keySettings.clientId() : named.clientId().or(keySettings::clientId);
            SigningKey key = SigningKey.fromText(rawKey(keySettings), keySettings.password().map(String::toCharArray),
                    keySettings.algorithm(), keySettings.kid(), clientId);
            Duration lifetime = broker.assertion().lifetime();
            IssuedToken token;
            try {
                token = StandaloneTokenClient.bearerOnly(broker, endpoint,
                        audience -> ClientAssertions.sign(key, audience, clock, lifetime),
                        new JdkTokenTransport(endpoint.uri(), broker.okta()), clock, new TimerPause())
                        .fetch(scopeSet).await().indefinitely();
            } catch (UpstreamRejectedException e) {
                if (DpopPolicy.requiresDpop(e.upstreamError(), e.description()) || DpopPolicy.USE_NONCE.equals(e.upstreamError())) {
                    throw new CliException(CliException.OPERATION_FAILED, DPOP_REQUIRED);
                }
                throw new CliException(CliException.OPERATION_FAILED, e.description());
            } catch (BrokerException e) {
                throw new CliException(CliException.OPERATION_FAILED, e.description());
            }
            print(token);
            return 0;
        }

        private void print(IssuedToken token) throws IOException {
            var out = spec.commandLine().getOut();
            if (raw) {
                out.println(token.accessToken());
                return;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", token.accessToken());
            answer.put("token_type", token.tokenType());
            answer.put("expires_in", Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toSeconds()));
            answer.put("expires_at", token.expiresAt().getEpochSecond());
            answer.put("scope", token.scope());
            out.println(HttpJson.JSON.writeValueAsString(answer));
        }

        private RawKey rawKey(KeySettings settings) {
            switch (settings.source()) {
                case FILE -> {
                    String file = settings.file().filter(f -> !f.isBlank()).orElseThrow(() -> new CliException(
                            CliException.CONFIGURATION, "the key file is not set: set broker.key.file (BROKER_KEY_FILE)"));
                    try {
                        return new RawKey(Files.readString(Path.of(file)), Optional.empty(), Optional.empty(), "broker.key.file " + file);
                    } catch (IOException e) {
                        throw new CliException(CliException.CONFIGURATION, "cannot read the key file " + file);
                    }
                }
                case VAULT -> {
                    String path = settings.vaultPath();
                    VaultAccess vault = VaultAccess.from(config);
                    Map<String, String> secret = vault.read(path).orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                            "no secret in Vault at " + vault.describe(path)));
                    return new RawKey(secret.getOrDefault("private_key", ""), Optional.ofNullable(secret.get("kid")),
                            Optional.ofNullable(secret.get("client_id")), "vault " + vault.describe(path));
                }
                default -> throw new CliException(CliException.CONFIGURATION, "token get supports broker.key.source vault or file, not "
                        + settings.source().name().toLowerCase());
            }
        }
    }
}
