package io.tokenbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tokenbroker.key.KeySettings;
import io.tokenbroker.server.ServerSettings;
import io.tokenbroker.testsupport.TestConfig;

/** broker.servers and broker.sink.files: names, unknown keys, and what a named server inherits. */
class ServerRulesTest {

    @Test
    void anUnknownKeyOfANamedServerFailsNamingIt() {
        assertThatThrownBy(() -> new SmallRyeConfigBuilder().withMapping(BrokerConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("broker.servers.orders.authorisation-server", "aus1"), "test", 400))
                .build()).hasMessageContaining("broker.servers.orders.authorisation-server");
    }

    @Test
    void namedServersAndFilesCanBeSetFromTheEnvironment() {
        BrokerConfig config = new SmallRyeConfigBuilder().withMapping(BrokerConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withSources(new io.smallrye.config.EnvConfigSource(Map.of("BROKER_SERVERS_ORDERS_AUTHORIZATION_SERVER", "aus1",
                        "BROKER_SERVERS_ORDERS_KEY_VAULT_PATH", "apps/orders", "BROKER_SINK_FILES_ORDERS_PATH", "/t/orders",
                        "BROKER_SINK_FILES_ORDERS_SERVER", "orders"), 300))
                .build().getConfigMapping(BrokerConfig.class);
        assertThat(config.servers().get("orders").authorizationServer()).hasValue("aus1");
        assertThat(config.servers().get("orders").key().vault().path()).hasValue("apps/orders");
        assertThat(config.sink().files().get("orders").server()).hasValue("orders");
    }

    @Test
    void defaultIsNoServerNameAndNamesFitATag() {
        assertThat(ConfigRules.problems(TestConfig.broker(Map.of("broker.servers.default.authorization-server", "aus1",
                "broker.servers.\"a b\".authorization-server", "aus2"))))
                .anySatisfy(problem -> assertThat(problem).contains("broker.servers.default").contains("unnamed target"))
                .anySatisfy(problem -> assertThat(problem).contains("broker.servers.a b").contains("letters, digits"));
    }

    @Test
    void aTokenFileNeedsAPathAndAServerThatExists() {
        assertThat(ConfigRules.problems(TestConfig.broker(Map.of("broker.sink.files.x.server", "nope"))))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("broker.sink.files.x.path is required"))
                .anySatisfy(problem -> assertThat(problem).contains("broker.sink.files.x.server names no server: nope"));
        assertThat(ConfigRules.problems(TestConfig.broker(Map.of("broker.servers.orders.authorization-server", "aus1",
                "broker.sink.files.x.path", "/tmp/t", "broker.sink.files.x.server", "orders")))).isEmpty();
    }

    @Test
    void aNamedServerInheritsWhatItDoesNotSet() {
        BrokerConfig config = TestConfig.broker(Map.of("broker.okta.domain", "https://example.okta.com",
                "broker.okta.default-scopes", "okta.users.read", "broker.okta.client-id", "0oa1", "broker.key.source", "file",
                "broker.key.file", "/keys/app.pem", "broker.key.kid", "k1",
                "broker.servers.orders.authorization-server", "aus1", "broker.servers.billing.client-id", "0oa2",
                "broker.servers.billing.key.file", "/keys/billing.pem"));
        ServerSettings orders = ServerSettings.named(config, "orders");
        assertThat(orders.tokenUrl()).isEqualTo("https://example.okta.com/oauth2/aus1/v1/token");
        assertThat(orders.defaultScopes()).containsExactly("okta.users.read");
        assertThat(orders.key()).isEqualTo(KeySettings.of(config)); // the same key: loaded once
        assertThat(orders.clientId()).isEmpty();
        ServerSettings billing = ServerSettings.named(config, "billing");
        assertThat(billing.tokenUrl()).isEqualTo("https://example.okta.com/oauth2/v1/token"); // the default's endpoint
        assertThat(billing.key()).isNotEqualTo(KeySettings.of(config));
        assertThat(billing.key().file()).hasValue("/keys/billing.pem");
        assertThat(billing.key().kid()).isEmpty(); // another key never takes the default key's kid override
        assertThat(billing.key().clientId()).hasValue("0oa2");
    }
}
