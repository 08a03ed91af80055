package io.tokenbroker.listener;

import java.nio.file.Path;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Makes Quarkus bind its Unix domain socket inside a private directory beside the configured path
 * ({@code /run/tb/broker.sock} is bound as {@code /run/tb/.broker.sock.bind/broker.sock}), from where
 * {@link DomainSocketFile} moves it into place once its mode is final. The bind creates the socket file
 * with whatever mode the umask gives, and the native transport first unlinks whatever is at the path: in
 * a directory only the broker's user can enter, neither can reach anyone else. Users keep configuring
 * Quarkus' own {@code quarkus.http.domain-socket}; only the listener reads the staged value.
 */
public final class StagedSocketPath implements ConfigSourceInterceptor {

    static final String PATH_KEY = "quarkus.http.domain-socket";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || !name.endsWith(PATH_KEY)
                || !(name.equals(PATH_KEY) || name.startsWith("%") && name.endsWith("." + PATH_KEY))
                || value.getValue().contains("${")) {
            return value;
        }
        return value.withValue(staging(Path.of(value.getValue())).toString());
    }

    /** Where Quarkus binds the socket meant for {@code target}. */
    static Path staging(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".bind").resolve(absolute.getFileName());
    }

    /** The configured path of a socket Quarkus binds at {@code staging}. */
    static Path target(Path staging) {
        return staging.getParent().resolveSibling(staging.getFileName());
    }

    /** Registers the interceptor with the configuration Quarkus builds (META-INF/services). */
    public static final class Install implements SmallRyeConfigBuilderCustomizer {
        @Override
        public void configBuilder(SmallRyeConfigBuilder builder) {
            builder.withInterceptors(new StagedSocketPath());
        }
    }
}
