package io.tokenbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The bounds of the broker's settings, checked by hand since Hibernate Validator left the build. */
class ConfigRulesTest {

    @Test
    void theDefaultsAreWithinBounds() {
        assertThat(ConfigRules.problems(config(Map.of()))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "broker.okta.max-concurrent-requests, 1",
            "broker.okta.rate-limit-reserve, 0",
            "broker.okta.max-token-requests-per-minute, 1",
            "broker.token.min-validity, 0s",
            "broker.token.refresh-ratio, 0.1",
            "broker.token.refresh-ratio, 0.95",
            "broker.token.refresh-jitter, 0",
            "broker.token.refresh-jitter, 0.5",
            "broker.token.max-scope-sets, 1",
            "broker.assertion.lifetime, 10s",
            "broker.assertion.lifetime, 1h",
            "broker.retry.max-attempts, 1",
            "broker.sink.file.mode, 640",
            "broker.sink.file.mode, 0640",
            "broker.sink.file.mode, 0644",
            "broker.sink.file.mode, 0400",
    })
    void aValueOnTheBoundIsAccepted(String key, String value) {
        assertThat(ConfigRules.problems(config(Map.of(key, value)))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "broker.okta.max-concurrent-requests, 0",
            "broker.okta.rate-limit-reserve, -1",
            "broker.okta.max-token-requests-per-minute, 0",
            "broker.token.min-validity, -1s",
            "broker.token.refresh-ratio, 0.09",
            "broker.token.refresh-ratio, 0.96",
            "broker.token.refresh-ratio, NaN",
            "broker.token.refresh-jitter, -0.1",
            "broker.token.refresh-jitter, 0.51",
            "broker.token.max-scope-sets, 0",
            "broker.assertion.lifetime, 9s",
            "broker.assertion.lifetime, 3601s",
            "broker.retry.max-attempts, 0",
            "broker.sink.file.mode, 0800",
            "broker.sink.file.mode, rw-r-----",
            "broker.sink.file.mode, 0666",
            "broker.sink.file.mode, 0620",
            "broker.sink.file.mode, 0602",
            "broker.sink.file.mode, 662",
    })
    void aValueOutOfBoundsIsOneProblemNamingTheKeyAndTheValue(String key, String value) {
        assertThat(ConfigRules.problems(config(Map.of(key, value))))
                .singleElement().asString().startsWith(key + " must be ").contains("(is ");
    }

    @Test
    void theConfigurationIsRefusedWithEveryProblemAtOnce() {
        assertThatThrownBy(() -> builder(Map.of("broker.retry.max-attempts", "0", "broker.token.max-scope-sets", "0"))
                .withValidator(new ConfigRules()).build())
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.getProblemCount()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("broker.retry.max-attempts must be at least 1 (is 0)",
                            "broker.token.max-scope-sets must be at least 1 (is 0)");
                });
    }

    @Test
    void quarkusAppliesTheRulesThroughItsServiceFile() throws Exception {
        // the broker's own start-up refusal is checked from outside in ConfigRulesIT; here: the registration
        try (var in = getClass().getResourceAsStream("/META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes()).strip().split("\n")).contains(ConfigRules.Install.class.getName());
        }
    }

    private static BrokerConfig config(Map<String, String> entries) {
        return builder(entries).build().getConfigMapping(BrokerConfig.class);
    }

    private static SmallRyeConfigBuilder builder(Map<String, String> entries) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(entries, "test", 400))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(BrokerConfig.class);
    }

    @ParameterizedTest
    @CsvSource({ "http://vault.example:8200, true", "http://10.0.0.7:8200, true", "https://vault.example:8200, false",
            "http://127.0.0.1:8200, false", "http://localhost:8200, false", "http://[::1]:8200, false" })
    void aPlainHttpVaultIsAcceptedOnlyOnLoopback(String url, boolean refused) throws Exception {
        var problems = ConfigRules.vaultUrlProblems(new java.net.URL(url));
        if (refused) {
            assertThat(problems).containsExactly("quarkus.vault.url must use https (plain http only for 127.0.0.1, ::1 or localhost;"
                    + " is " + url + ")");
        } else {
            assertThat(problems).isEmpty();
        }
    }
}
