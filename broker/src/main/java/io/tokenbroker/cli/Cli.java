package io.tokenbroker.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The setup command line, in the same artifact as the broker but without starting it: no HTTP
 * server, no management interface, no Quarkus runtime; the broker's own configuration keys, read by
 * {@link CliConfig}. Run through {@code bin/token-broker}.
 *
 * <p>Exit codes: 0 success; 1 an operation failed (Okta, Vault or the token endpoint refused or could
 * not be reached); 2 usage error; 3 configuration missing; 4 refused to overwrite (key files, a key in
 * Vault) or to write keys where others could change them.
 */
@Command(name = "token-broker", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Setup and one-shot commands of token-broker. Without a command, bin/token-broker runs the broker.",
        subcommands = { KeysCommand.class, OktaCommand.class, TokenCommand.class, CommandLine.HelpCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:success", "1:an operation failed (Okta, Vault or the token endpoint refused or was unreachable)",
                "2:usage error", "3:configuration missing", "4:refused to overwrite existing key files or a key in Vault (use --force), or an unsafe --out directory" })
public class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, CliConfig.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given configuration and streams; returns the exit code. */
    public static int run(String[] args, CliConfig config, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Cli(), new Factory(config));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            if (failure instanceof CliException cli) {
                err.println("token-broker: " + cli.getMessage());
                return cli.exitCode();
            }
            if (failure instanceof IllegalArgumentException || failure instanceof io.tokenbroker.key.KeyMaterialException) {
                err.println("token-broker: " + failure.getMessage());
                return failure instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CliException.CONFIGURATION;
            }
            err.println("token-broker: unexpected failure: " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
            return CommandLine.ExitCode.SOFTWARE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Gives commands that take a {@link CliConfig} their configuration. */
    private record Factory(CliConfig config) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliConfig.class).newInstance(config);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] { "token-broker " + (version == null ? "(development build)" : version) };
        }
    }
}
