package io.tokenbroker.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (Failsafe), on what that build produced: the application jar of the
 * fast-jar and, after a native build, the jar of the native-image sources hold no entry of the dev
 * issuer's package, whatever its name, while the rest of the application is there. A build with
 * {@code -Dquarkus.profile=dev} keeps them on purpose; verify always packages the prod build.
 */
class ProdArtifactIT {

    private static final List<Path> JAR_DIRECTORIES = List.of(Path.of("target/quarkus-app/app"), Path.of("target/native-sources"),
            Path.of("target/token-broker-0.1.0-SNAPSHOT-native-image-source-jar"));

    @Test
    void theProdArtifactHoldsNoDevIssuerClass() throws IOException {
        List<String> entries = applicationEntries();
        assertThat(entries).as("application classes").contains("io/tokenbroker/okta/OktaTokenClient.class");
        assertThat(entries).filteredOn(name -> name.startsWith(DevIssuerOutOfProdTest.PACKAGE_PATH)).isEmpty();
    }

    private static List<String> applicationEntries() throws IOException {
        List<String> entries = new ArrayList<>();
        for (Path directory : JAR_DIRECTORIES) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
                for (Path jar : jars) {
                    try (JarFile file = new JarFile(jar.toFile())) {
                        entries.addAll(Collections.list(file.entries()).stream().map(ZipEntry::getName).toList());
                    }
                }
            }
        }
        assertThat(entries).as("entries of the jars in %s", JAR_DIRECTORIES).isNotEmpty();
        return entries;
    }
}
