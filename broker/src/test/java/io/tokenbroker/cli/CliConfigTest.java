package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


/** The commands see the broker's configuration: its mappings, defaults, profile and checks. */
class CliConfigTest {

    @Test
    void defaultsAreTheMappingsOwn() {
        CliConfig config = CliConfig.of(Map.of());
        assertThat(config.broker().key().vault().path()).isEqualTo("token-broker/okta");
        assertThat(config.broker().okta().authorizationServer()).isEqualTo("org");
        assertThat(config.broker().assertion().lifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.broker().retry().maxAttempts()).isEqualTo(3);
        assertThat(config.vault().kvSecretEngineMountPath()).isEqualTo("secret");
        assertThat(config.vault().transitSecretEngineMountPath()).isEqualTo("transit");
        assertThat(config.vault().authentication().kubernetes().jwtTokenPath())
                .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount/token");
    }

    @Test
    void environmentNamesMapAsInQuarkusAndPropertiesWinOverThem() {
        CliConfig config = CliConfig.of(Map.of("BROKER_OKTA_DEFAULT_SCOPES", "a,b", "BROKER_KEY_VAULT_PATH", "from/env",
                "broker.key.vault.path", "from/property", "QUARKUS_VAULT_KV_SECRET_ENGINE_MOUNT_PATH", "kv"));
        assertThat(config.broker().okta().defaultScopes()).contains(List.of("a", "b"));
        assertThat(config.broker().key().vault().path()).isEqualTo("from/property");
        assertThat(config.vault().kvSecretEngineMountPath()).isEqualTo("kv");
    }

    @Test
    void theJarsApplicationPropertiesApplyInTheProdProfile() {
        // application.properties sets broker.okta.client-id for %dev and %test only
        assertThat(CliConfig.of(Map.of()).broker().okta().clientId()).isEmpty();
        assertThat(CliConfig.of(Map.of("QUARKUS_PROFILE", "dev")).broker().okta().clientId()).contains("0oa-dev-client");
    }

    @Test
    void aValueTheBrokerRefusesIsAConfigurationErrorNamingTheKey() {
        assertThatThrownBy(() -> CliConfig.of(Map.of("BROKER_TOKEN_REFRESH_RATIO", "2")).broker())
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(CliException.CONFIGURATION);
                    assertThat(e.getMessage()).contains("broker.token.refresh-ratio").doesNotContain("\n");
                });
    }
}
