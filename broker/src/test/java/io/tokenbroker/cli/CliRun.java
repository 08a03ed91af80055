package io.tokenbroker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One in-process run of the command line, with only the given configuration entries and captured output. */
record CliRun(int exitCode, String out, String err) {

    /** @param entries environment-style ({@code BROKER_OKTA_DOMAIN}) or property-style ({@code broker.okta.domain}) */
    static CliRun of(Map<String, String> entries, String... args) {
        return run(CliConfig.of(entries), args);
    }

    /** As {@link #of}, with {@code home} as the user's home directory (where ~/.vault-token is looked for). */
    static CliRun withHome(Path home, Map<String, String> entries, String... args) {
        return run(CliConfig.of(entries, Optional.of(home)), args);
    }

    private static CliRun run(CliConfig config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, config, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
