package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tokenbroker.testsupport.Repository;

/**
 * Runs after {@code package} (Failsafe): every source the JVM Dockerfile copies exists in the build
 * output. The native Dockerfiles copy {@code target/*-runner}, which only a native build produces;
 * their pattern is checked, and the file too when a native build made it.
 */
class DockerfilesIT {

    @Test
    void everyPathTheJvmDockerfileCopiesExistsAfterPackaging() throws IOException {
        List<String> copies = DockerfilesTest.instructions("Dockerfile.jvm", "COPY");
        assertThat(copies).hasSizeGreaterThanOrEqualTo(3);
        for (String copy : copies) {
            String[] parts = copy.replaceAll("--\\S+", "").strip().split("\\s+");
            String source = parts[0];
            assertThat(matches(source)).as("COPY source %s", source).isNotEmpty();
        }
        assertThat(Path.of("target/quarkus-app/quarkus-run.jar")).exists();
        assertThat(Path.of("src/main/docker/jvm.options")).exists();
    }

    @Test
    void theNativeDockerfilesCopyTheRunner() throws IOException {
        for (String file : List.of("Dockerfile.native", "Dockerfile.native-micro")) {
            List<String> copies = DockerfilesTest.instructions(file, "COPY");
            assertThat(copies).hasSize(1);
            assertThat(copies.get(0)).contains("target/*-runner /work/application");
        }
    }

    private static List<Path> matches(String source) throws IOException {
        Path path = Repository.file(source); // the images are built with the repository root as context
        if (!source.contains("*")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path.getParent(), path.getFileName().toString())) {
            return java.util.stream.StreamSupport.stream(stream.spliterator(), false).toList();
        }
    }
}
