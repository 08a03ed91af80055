package io.tokenbroker.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * What the last {@code package} produced, as Quarkus records it in target/quarkus-artifact.properties: the
 * fast-jar, or the native executable after {@code -Dnative}. For the integration tests that start the broker
 * themselves and must run the same artifact the {@code @QuarkusIntegrationTest}s run.
 */
public final class PackagedArtifact {

    private static final Path TARGET = Path.of("target");

    private PackagedArtifact() {
    }

    public static boolean nativeExecutable() {
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("no target/quarkus-artifact.properties: run after package", e);
        }
        return "native".equals(artifact.getProperty("type"));
    }

    /** The command line that starts the broker from the packaged artifact. */
    public static List<String> command() {
        if (nativeExecutable()) {
            return List.of(Path.of(System.getProperty("native.image.path")).toAbsolutePath().toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                TARGET.resolve("quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
    }
}
