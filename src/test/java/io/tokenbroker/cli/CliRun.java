package io.tokenbroker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the command line, with only the given configuration entries and captured output. */
record CliRun(int exitCode, String out, String err) {

    /** @param entries environment-style ({@code BROKER_OKTA_DOMAIN}) or property-style ({@code broker.okta.domain}) */
    static CliRun of(Map<String, String> entries, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, CliConfig.of(entries), new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
