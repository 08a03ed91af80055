package io.tokenbroker.cli;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vault.runtime.config.VaultRuntimeConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.ConfigRules;

/**
 * The configuration the setup commands read: the broker's own typed mappings ({@link BrokerConfig}
 * under {@code broker.}, quarkus-vault's {@link VaultRuntimeConfig} under {@code quarkus.vault.}) with
 * their defaults and validation, from the sources the broker reads them from (environment variables by
 * the usual mapping, system properties, the jar's application.properties in the {@code prod} profile
 * unless {@code QUARKUS_PROFILE} says otherwise). Built with SmallRye Config alone, so that no command
 * starts Quarkus, its HTTP server or its management interface.
 *
 * <p>Secrets that are no broker setting ({@code OKTA_API_TOKEN}, {@code TOKEN_BROKER_KEY_PASSWORD})
 * are plain environment variables: {@link #variable}.
 */
public final class CliConfig {

    /** The ordinals Quarkus gives these sources: system properties over environment over application.properties. */
    private static final int SYSTEM_PROPERTIES = 400;
    private static final int ENVIRONMENT = 300;
    private static final int APPLICATION_PROPERTIES = 250;

    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private final Optional<Path> home;
    private SmallRyeConfig config;

    /** @param systemProperties null: the JVM's own */
    private CliConfig(Map<String, String> environment, Map<String, String> systemProperties, Optional<Path> home) {
        this.environment = Map.copyOf(environment);
        this.systemProperties = systemProperties == null ? null : Map.copyOf(systemProperties);
        this.home = home;
    }

    /** The process' environment, system properties and the user's home directory. */
    public static CliConfig system() {
        return new CliConfig(System.getenv(), null, Optional.ofNullable(System.getProperty("user.home")).map(Path::of));
    }

    /**
     * Only these entries (plus application.properties), as tests pass them: environment-style names
     * ({@code BROKER_OKTA_DOMAIN}) as environment variables, property names ({@code broker.okta.domain})
     * as system properties.
     */
    public static CliConfig of(Map<String, String> entries) {
        return of(entries, Optional.empty());
    }

    /** As {@link #of(Map)}, with {@code home} as the user's home directory (none: no ~/.vault-token). */
    public static CliConfig of(Map<String, String> entries, Optional<Path> home) {
        Map<String, String> environment = new java.util.HashMap<>();
        Map<String, String> properties = new java.util.HashMap<>();
        entries.forEach((name, value) -> (name.contains(".") ? properties : environment).put(name, value));
        return new CliConfig(environment, properties, home);
    }

    public BrokerConfig broker() {
        return config().getConfigMapping(BrokerConfig.class);
    }

    public VaultRuntimeConfig vault() {
        return config().getConfigMapping(VaultRuntimeConfig.class);
    }

    /** The Okta org URL: the option when given, else broker.okta.domain. */
    public String oktaDomain(String option) {
        return Optional.ofNullable(option).filter(d -> !d.isBlank()).or(() -> broker().okta().domain().filter(d -> !d.isBlank()))
                .orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                        "the Okta domain is not set: give --domain or set broker.okta.domain (BROKER_OKTA_DOMAIN)"));
    }

    /** A plain environment variable that is a secret or a setup input, not a broker setting. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    /** The environment variables, for the conventions of other tools ({@code VAULT_ADDR}, ...). */
    Map<String, String> environment() {
        return environment;
    }

    /** The user's home directory. */
    Optional<Path> home() {
        return home;
    }

    private synchronized SmallRyeConfig config() {
        if (config == null) {
            config = build();
        }
        return config;
    }

    private SmallRyeConfig build() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile(profile())
                .withSources(new EnvConfigSource(environment, ENVIRONMENT))
                .withSources(applicationProperties())
                // Quarkus' own converters: "300s", "5m" and "10M" mean what they mean to the broker
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(BrokerConfig.class)
                .withMapping(VaultRuntimeConfig.class)
                .withValidator(new ConfigRules());
        builder.withSources(systemProperties == null ? new SysPropConfigSource()
                : new PropertiesConfigSource(systemProperties, "given properties", SYSTEM_PROPERTIES));
        try {
            return builder.build();
        } catch (RuntimeException e) {
            // SmallRye's message names the keys (unknown broker.* keys, failed constraints, bad values)
            throw new CliException(CliException.CONFIGURATION, "invalid configuration: " + oneLine(e));
        }
    }

    private String profile() {
        String fromEnvironment = environment.get("QUARKUS_PROFILE");
        String fromProperty = systemProperties == null ? System.getProperty("quarkus.profile") : systemProperties.get("quarkus.profile");
        return fromProperty != null ? fromProperty : fromEnvironment != null ? fromEnvironment : "prod";
    }

    private static List<ConfigSource> applicationProperties() {
        List<ConfigSource> sources = new ArrayList<>();
        try {
            Enumeration<URL> found = CliConfig.class.getClassLoader().getResources("application.properties");
            while (found.hasMoreElements()) {
                sources.add(new PropertiesConfigSource(found.nextElement(), APPLICATION_PROPERTIES));
            }
        } catch (IOException e) {
            throw new CliException(CliException.CONFIGURATION, "cannot read application.properties: " + e.getMessage());
        }
        return sources;
    }

    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll(":\\s*[\\r\\n]+\\s*", ": ").replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    @Override
    public String toString() {
        return "CliConfig[" + environment.size() + " variables]";
    }
}
