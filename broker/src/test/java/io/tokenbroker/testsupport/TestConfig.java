package io.tokenbroker.testsupport;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tokenbroker.config.BrokerConfig;

/** The broker's typed configuration for plain unit tests: defaults plus the given keys, no application start. */
public final class TestConfig {

    private TestConfig() {
    }

    public static BrokerConfig broker(Map<String, String> keys) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(BrokerConfig.class)
                // Quarkus' own converters: "300s", "10M" as in application.properties
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(keys, "unit-test", 500))
                .build();
        return config.getConfigMapping(BrokerConfig.class);
    }
}
