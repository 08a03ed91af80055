package io.tokenbroker.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of the named token targets and token files ({@code broker.servers.NAME.*},
 * {@code broker.sink.files.NAME.*}), checked with the other bounds by {@link ConfigRules}: names that fit a
 * query parameter, a header and a metrics tag; {@code default} kept for the unnamed target; a token file's
 * server one that exists.
 */
final class ServerRules {

    /** Names that fit a metrics tag, a header value and a query parameter unchanged. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final String DEFAULT = "default";

    private ServerRules() {
    }

    static void check(BrokerConfig config, List<String> problems) {
        config.servers().forEach((name, server) -> {
            String prefix = "broker.servers." + name;
            if (DEFAULT.equals(name)) {
                problems.add(prefix + ": \"default\" is the name of the unnamed target (broker.okta.*); choose another name");
            } else if (!NAME.matcher(name).matches()) {
                problems.add(prefix + ": a server name is letters, digits, '-' and '_' (at most 63)");
            }
            server.maxTokenRequestsPerMinute().filter(perMinute -> perMinute < 1).ifPresent(perMinute -> problems.add(
                    prefix + ".max-token-requests-per-minute must be at least 1 (is " + perMinute + ")"));
        });
        config.sink().files().forEach((name, file) -> {
            String prefix = "broker.sink.files." + name;
            if (file.path().filter(path -> !path.isBlank()).isEmpty()) {
                problems.add(prefix + ".path is required");
            }
            if (!file.mode().matches("0?[0-7]{3}")) {
                problems.add(prefix + ".mode must be an octal mode such as 0600 (is " + file.mode() + ")");
            }
            file.server().filter(server -> !DEFAULT.equals(server) && !config.servers().containsKey(server))
                    .ifPresent(server -> problems.add(prefix + ".server names no server: " + server
                            + " is not in broker.servers (nor default)"));
        });
    }
}
