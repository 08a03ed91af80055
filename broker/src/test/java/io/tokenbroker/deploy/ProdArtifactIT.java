package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (Failsafe), on what that build produced: the fast-jar ({@code target/quarkus-app},
 * application and library jars) and, after a native build, the native-image sources hold neither the Okta
 * emulator's jar nor any class or service file of it, while the broker and its libraries are there. The
 * emulator is a run-time dependency that {@code %prod.quarkus.class-loading.removed-artifacts} removes: nothing
 * lists its classes, so a class added to it is covered as well. A build with {@code -Dquarkus.profile=dev} keeps
 * it on purpose; verify always packages the prod build.
 */
class ProdArtifactIT {

    private static final List<Path> BUILD_OUTPUTS = List.of(Path.of("target/quarkus-app"), Path.of("target/native-sources"),
            Path.of("target/token-broker-0.1.0-SNAPSHOT-native-image-source-jar"));
    private static final String EMULATOR_JAR = "token-broker-okta-emulator";
    private static final String EMULATOR_PACKAGE = "io/tokenbroker/emulator/";

    @Test
    void theProdArtifactHoldsNothingOfTheOktaEmulator() throws IOException {
        List<Path> jars = jars();
        assertThat(jars).as("jars of %s", BUILD_OUTPUTS)
                .anyMatch(jar -> jar.getFileName().toString().startsWith("token-broker-0.1.0-SNAPSHOT"))
                .anyMatch(jar -> jar.getFileName().toString().startsWith("org.bitbucket.b_c.jose4j"))
                .noneMatch(jar -> jar.getFileName().toString().contains(EMULATOR_JAR));
        List<String> entries = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Collections.list(file.entries()).stream().map(ZipEntry::getName).map(name -> jar.getFileName() + "!" + name)
                        .forEach(entries::add);
            }
        }
        assertThat(entries).as("application classes").anyMatch(entry -> entry.endsWith("!io/tokenbroker/okta/OktaTokenClient.class"));
        assertThat(entries).filteredOn(entry -> entry.contains("!" + EMULATOR_PACKAGE)).isEmpty();
        for (Path output : BUILD_OUTPUTS) {
            if (Files.isDirectory(output)) {
                try (Stream<Path> files = Files.walk(output)) {
                    assertThat(files.filter(file -> file.toString().contains(EMULATOR_JAR) || file.toString().contains(EMULATOR_PACKAGE)))
                            .as("files of %s", output).isEmpty();
                }
            }
        }
    }

    private static List<Path> jars() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path output : BUILD_OUTPUTS) {
            if (Files.isDirectory(output)) {
                try (Stream<Path> files = Files.walk(output)) {
                    files.filter(file -> file.toString().endsWith(".jar")).forEach(jars::add);
                }
            }
        }
        return jars;
    }
}
