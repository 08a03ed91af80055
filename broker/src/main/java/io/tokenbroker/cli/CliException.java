package io.tokenbroker.cli;

/** A command failed: the message is the one line shown to the user; the exit code says which kind. */
public class CliException extends RuntimeException {

    /** Okta, Vault or the token endpoint refused or could not be reached. */
    public static final int OPERATION_FAILED = 1;
    /** Missing configuration (an environment variable, a file). */
    public static final int CONFIGURATION = 3;
    /**
     * Would overwrite key files or a key in Vault without --force, or a secret that changed since it was
     * read; or would write keys where someone else could swap or read them.
     */
    public static final int REFUSED = 4;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
