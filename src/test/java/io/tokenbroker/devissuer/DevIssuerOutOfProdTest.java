package io.tokenbroker.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The prod build leaves the dev issuer out through an exact list of jar entries in
 * application.properties (Quarkus has no pattern for it): the list must name every class file the
 * compiler wrote for {@code io.tokenbroker.devissuer}, so a new class or a new inner class cannot slip
 * into the prod artifact unnoticed. {@link ProdArtifactIT} checks the packaged jar itself.
 */
class DevIssuerOutOfProdTest {

    static final String IGNORED_ENTRIES = "%prod.quarkus.package.jar.user-configured-ignored-entries";
    static final String PACKAGE_PATH = "io/tokenbroker/devissuer/";

    @Test
    void theProdIgnoreListNamesExactlyTheCompiledDevIssuerClasses() throws IOException, URISyntaxException {
        assertThat(ignoredEntries())
                .as("%s in application.properties must list every compiled devissuer class (and nothing else)", IGNORED_ENTRIES)
                .containsExactlyInAnyOrderElementsOf(expected());
    }

    /** The package's directory (named without the trailing slash, as Quarkus compares it) and its class files. */
    private static Set<String> expected() throws IOException, URISyntaxException {
        Set<String> entries = new HashSet<>(compiledClasses());
        entries.add(PACKAGE_PATH.substring(0, PACKAGE_PATH.length() - 1));
        return entries;
    }

    static Set<String> ignoredEntries() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DevIssuerOutOfProdTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String value = properties.getProperty(IGNORED_ENTRIES, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(entry -> !entry.isEmpty())
                .collect(Collectors.toSet());
    }

    /** Class files of the package in the main output directory (target/classes), nested classes included. */
    private static Set<String> compiledClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(DevIssuer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes.resolve(PACKAGE_PATH))) {
            Set<String> found = files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
            assertThat(found).as("compiled devissuer classes under %s", classes).isNotEmpty();
            return found;
        }
    }
}
