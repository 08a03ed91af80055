package io.tokenbroker.key;

/**
 * Key material that cannot be used. The message names the source and the problem and never
 * contains the material itself.
 */
public class KeyMaterialException extends RuntimeException {

    public KeyMaterialException(String source, String problem) {
        super(source + ": " + problem, null, false, false);
    }

    public KeyMaterialException(String source, String problem, Throwable cause) {
        super(source + ": " + problem + describe(cause), null, false, false);
    }

    /** Keeps the cause's type and message only; libraries' messages do not echo key bytes. */
    private static String describe(Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "";
        }
        return " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
}
