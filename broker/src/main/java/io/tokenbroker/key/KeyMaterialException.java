package io.tokenbroker.key;

/**
 * Key material that cannot be used. The message names the source and the problem and never
 * contains the material itself.
 */
public class KeyMaterialException extends RuntimeException {

    private final String problem;

    public KeyMaterialException(String source, String problem) {
        super(source + ": " + problem, null, false, false);
        this.problem = problem;
    }

    public KeyMaterialException(String source, String problem, Throwable cause) {
        super(source + ": " + problem + describe(cause), null, false, false);
        this.problem = problem;
    }

    /** The problem alone: neither the source (a path, a key name) nor the cause's message (which may name a file). */
    public String problem() {
        return problem;
    }

    /** Keeps the cause's type and message only; libraries' messages do not echo key bytes. */
    private static String describe(Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "";
        }
        return " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
}
