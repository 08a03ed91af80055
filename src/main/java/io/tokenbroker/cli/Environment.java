package io.tokenbroker.cli;

import java.util.Map;
import java.util.Optional;

/** The environment the commands read their settings and secrets from (tests pass their own). */
public record Environment(Map<String, String> variables) {

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** The first of these variables that is set. */
    public Optional<String> first(String... names) {
        for (String name : names) {
            Optional<String> value = get(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    public String require(String what, String... names) {
        return first(names).orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                what + " is not set: export " + String.join(" or ", names)));
    }

    @Override
    public String toString() {
        return "Environment[" + variables.size() + " variables]";
    }
}
