package io.tokenbroker.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the repository outside the broker module (docs, benchmarks, manifests, the build's root pom), found
 * from the module's directory, where Maven runs the tests.
 */
public final class Repository {

    private static final Path ROOT = Path.of("..");

    private Repository() {
    }

    /** {@code relative} to the repository root, e.g. {@code docs/configuration.md}. */
    public static Path file(String relative) {
        Path file = ROOT.resolve(relative);
        if (!Files.exists(ROOT.resolve("okta-emulator"))) {
            throw new IllegalStateException("tests run from the broker module's directory; not found: " + file.toAbsolutePath());
        }
        return file;
    }
}
