package io.tokenbroker.emulator;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The broker's embedded dev default (README: the first command): where neither an Okta endpoint
 * ({@code broker.okta.domain}, {@code broker.okta.token-url}) nor a key source ({@code broker.key.source}) is
 * configured, it starts the {@link DevOkta} emulator and supplies the broker's settings for it: the emulator's
 * domain, the generated key as a key file, the client id ({@code 0oa-dev-client} unless configured), with the
 * configured default and allowed scopes granted. Anything configured wins (this source's ordinal is below
 * application.properties). A SmallRye Config service of this jar, which prod builds leave out: a prod broker
 * never sees it. Quarkus runs it at build time and again at run time; the run-time emulator is the one used.
 */
public final class DevDefaults implements ConfigSourceFactory {

    static final String CLIENT_ID = "0oa-dev-client";
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context, "broker.okta.domain") || isSet(context, "broker.okta.token-url")
                || isSet(context, "broker.key.source")) {
            return List.of();
        }
        String clientId = value(context, "broker.okta.client-id");
        if (clientId != null && clientId.isBlank()) {
            clientId = null;
        }
        Set<String> scopes = new LinkedHashSet<>(list(value(context, "broker.okta.default-scopes")));
        scopes.addAll(list(value(context, "broker.okta.allowed-scopes")));
        DevOkta dev = DevOkta.shared();
        dev.register(clientId == null ? CLIENT_ID : clientId, scopes);
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "broker.okta.domain", dev.domain(),
                "broker.key.source", "file",
                "broker.key.file", dev.keyFile().toString()));
        if (clientId == null) {
            settings.put("broker.okta.client-id", CLIENT_ID);
        }
        return List.of(new PropertiesConfigSource(settings, "Okta emulator (dev default)", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /**
     * Configured by the user: in a source above this one (application.properties, .env, the environment, system
     * properties, a test's resources). Quarkus also evaluates this factory while it builds the application and
     * records the values it supplied then in a source of its own, far below: those name an emulator of the build's
     * JVM, long gone when a packaged dev-profile jar runs, so they do not count.
     */
    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > ORDINAL;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
