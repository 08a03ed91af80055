package io.tokenbroker.config;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.quarkus.vault.runtime.config.VaultRuntimeConfig;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.tokenbroker.okta.TokenEndpoint;

/**
 * The bounds of the broker's numeric settings, checked when the configuration is built: the broker does
 * not start, and a setup command ends, with one line per key out of bounds. Written out here rather than as
 * Bean Validation constraints on {@link BrokerConfig}: Hibernate Validator took about a fifth of the
 * broker's start-up CPU (BENCHMARKS.md, "Start-up profile") for these ten rules.
 *
 * <p>Quarkus applies it through {@link Install} (a {@code SmallRyeConfigBuilderCustomizer} service); the
 * command line passes it to its own config builder.
 */
public final class ConfigRules implements ConfigValidator {

    private static final int GROUP_OR_WORLD_WRITE = 0022;

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mappingObject) {
        List<String> problems;
        if (mappingObject instanceof BrokerConfig config) {
            problems = problems(config);
        } else if (mappingObject instanceof VaultRuntimeConfig vault) {
            problems = vault.url().map(ConfigRules::vaultUrlProblems).orElse(List.of());
        } else {
            return;
        }
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(
                    problems.stream().map(ConfigValidationException.Problem::new).toArray(ConfigValidationException.Problem[]::new));
        }
    }

    /** Every bound the configuration breaks, one message each, naming the key as it is written. */
    public static List<String> problems(BrokerConfig config) {
        Bounds bounds = new Bounds();
        bounds.atLeast("broker.okta.max-concurrent-requests", config.okta().maxConcurrentRequests(), 1);
        bounds.atLeast("broker.okta.rate-limit-reserve", config.okta().rateLimitReserve(), 0);
        bounds.atLeast("broker.okta.max-token-requests-per-minute", config.okta().maxTokenRequestsPerMinute(), 1);
        bounds.within("broker.token.min-validity", config.token().minValidity(), Duration.ZERO, null);
        bounds.within("broker.token.refresh-ratio", config.token().refreshRatio(), 0.1, 0.95);
        bounds.within("broker.token.refresh-jitter", config.token().refreshJitter(), 0.0, 0.5);
        bounds.atLeast("broker.token.max-scope-sets", config.token().maxScopeSets(), 1);
        bounds.within("broker.assertion.lifetime", config.assertion().lifetime(), Duration.ofSeconds(10), Duration.ofHours(1));
        bounds.atLeast("broker.retry.max-attempts", config.retry().maxAttempts(), 1);
        String mode = config.sink().file().mode();
        if (!mode.matches("0?[0-7]{3}")) {
            bounds.problems.add("broker.sink.file.mode must be an octal mode such as 0600 (is " + mode + ")");
        } else if ((Integer.parseInt(mode, 8) & GROUP_OR_WORLD_WRITE) != 0) {
            // whoever may write the file may hand the pod's readers a token of their choosing
            bounds.problems.add("broker.sink.file.mode must be neither group- nor world-writable, e.g. 0600 or 0640 (is " + mode + ")");
        }
        ServerRules.check(config, bounds.problems);
        return bounds.problems;
    }

    /**
     * The Vault token and the private key cross this connection: plain http only to a loopback host, as the
     * command line requires (quarkus-vault itself accepts any URL).
     */
    static List<String> vaultUrlProblems(URL url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (url.getProtocol().equalsIgnoreCase("http") && !TokenEndpoint.isLoopback(host)) {
            return List.of("quarkus.vault.url must use https (plain http only for 127.0.0.1, ::1 or localhost; is " + url + ")");
        }
        return List.of();
    }

    private static final class Bounds {
        private final List<String> problems = new ArrayList<>();

        void atLeast(String key, int value, int min) {
            if (value < min) {
                problems.add(key + " must be at least " + min + " (is " + value + ")");
            }
        }

        void within(String key, double value, double min, double max) {
            // !(a <= b) also catches NaN
            if (!(value >= min && value <= max)) {
                problems.add(key + " must be between " + min + " and " + max + " (is " + value + ")");
            }
        }

        /** @param max null: no upper bound */
        void within(String key, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || (max != null && value.compareTo(max) > 0)) {
                problems.add(key + " must be " + (max == null ? "at least " + min : "between " + min + " and " + max)
                        + " (is " + value + ")");
            }
        }
    }

    /** Registers the rules with the configuration Quarkus builds (META-INF/services). */
    public static final class Install implements SmallRyeConfigBuilderCustomizer {
        @Override
        public void configBuilder(SmallRyeConfigBuilder builder) {
            builder.withValidator(new ConfigRules());
        }
    }
}
