package io.tokenbroker.error;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A failure described without its messages, for logs: messages of library exceptions may quote
 * what they were given (a token, an upstream answer), class names and stack frames do not.
 */
public final class Redacted {

    private static final int MAX_FRAMES = 12;

    private Redacted() {
    }

    /** {@code Outer <- Cause <- RootCause}: the class names of the cause chain. */
    public static String chain(Throwable failure) {
        List<String> names = new ArrayList<>();
        for (Throwable t = failure; t != null && names.size() < 10; t = t.getCause() == t ? null : t.getCause()) {
            names.add(t.getClass().getName());
        }
        return String.join(" <- ", names);
    }

    /** The first stack frames of the root cause. */
    public static String frames(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Arrays.stream(root.getStackTrace()).limit(MAX_FRAMES).map(StackTraceElement::toString)
                .collect(Collectors.joining("\n\tat ", chain(failure) + "\n\tat ", ""));
    }
}
