package io.tokenbroker.startup;

import java.util.Arrays;
import java.util.Set;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.tokenbroker.cli.Cli;

/**
 * The one entry point of the jar and of the native executable: {@code token-broker [serve]} runs the
 * broker, {@code token-broker keys|okta|token ...} runs a setup command without starting Quarkus (no
 * HTTP server, no management interface), so the native image needs no JVM for either.
 */
@QuarkusMain
public class Main {

    private static final Set<String> CLI_ARGUMENTS = Set.of("keys", "okta", "token", "help", "--help", "-h", "--version", "-V");

    /**
     * Read by the HTTP layer when Quarkus builds its root handler: with it, a URI Vert.x' own check would
     * refuse with an empty 400 reaches the broker, which refuses it in the contract's JSON (HttpLimits).
     * Set here rather than on a command line, so that every way of starting the broker answers alike; the
     * native build sets it for the builder too (application.properties), in case the class is initialised
     * while the image is built.
     */
    static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && CLI_ARGUMENTS.contains(args[0])) {
            Cli.main(args);
            return;
        }
        System.setProperty(URI_VALIDATION_OFF, "true");
        Quarkus.run(args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args);
    }
}
