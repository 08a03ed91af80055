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

import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (Failsafe), on the artifact that build produced: the prod fast-jar holds
 * no class of the dev issuer, whatever its name, while the rest of the application is there. A build
 * with {@code -Dquarkus.profile=dev} keeps them on purpose; verify always packages the prod build.
 */
class ProdArtifactIT {

    private static final Path APP = Path.of("target/quarkus-app/app");

    @Test
    void theProdJarHoldsNoDevIssuerClass() throws IOException {
        List<String> entries = applicationEntries();
        assertThat(entries).as("application classes").contains("io/tokenbroker/okta/OktaTokenClient.class");
        assertThat(entries).filteredOn(name -> name.startsWith(DevIssuerOutOfProdTest.PACKAGE_PATH)).isEmpty();
    }

    private static List<String> applicationEntries() throws IOException {
        List<String> entries = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(APP, "*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    entries.addAll(Collections.list(file.entries()).stream().map(entry -> entry.getName()).toList());
                }
            }
        }
        assertThat(entries).as("entries of %s/*.jar", APP).isNotEmpty();
        return entries;
    }
}
