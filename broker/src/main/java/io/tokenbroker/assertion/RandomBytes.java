package io.tokenbroker.assertion;

import java.security.SecureRandom;

/**
 * The one {@link SecureRandom} of the process, created at first use. Never in a static initialiser:
 * Quarkus initialises application classes while it builds the native image, so a generator made there
 * would be frozen into the executable with its build-time seed (GraalVM refuses such an image).
 */
public final class RandomBytes {

    private static volatile SecureRandom random;

    private RandomBytes() {
    }

    /** {@code count} fresh random bytes. */
    public static byte[] next(int count) {
        byte[] bytes = new byte[count];
        generator().nextBytes(bytes);
        return bytes;
    }

    private static SecureRandom generator() {
        SecureRandom current = random;
        if (current == null) {
            synchronized (RandomBytes.class) {
                current = random;
                if (current == null) {
                    current = new SecureRandom();
                    random = current;
                }
            }
        }
        return current;
    }
}
