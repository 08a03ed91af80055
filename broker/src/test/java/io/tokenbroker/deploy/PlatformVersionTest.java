package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.tokenbroker.testsupport.Repository;

/** The benchmark builds run on the broker's own Quarkus platform, so a comparison never mixes two releases. */
class PlatformVersionTest {

    private static final Pattern PLATFORM = Pattern.compile("<quarkus\\.platform\\.version>([^<]+)<");
    private static final Pattern BOM = Pattern.compile(
            "<groupId>io\\.quarkus</groupId>\\s*<artifactId>quarkus-bom</artifactId>\\s*<version>([^<]+)<");

    static String brokerPlatform() throws IOException {
        Matcher matcher = PLATFORM.matcher(Files.readString(Repository.file("pom.xml")));
        assertThat(matcher.find()).as("quarkus.platform.version in the root pom.xml").isTrue();
        return matcher.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "bench/jmh/pom.xml", "bench/peers/oidc-client/pom.xml", "bench/startup/reference/pom.xml",
            "bench/startup/floor/pom.xml" })
    void benchmarkBuildsUseTheBrokersQuarkusPlatform(String pom) throws IOException {
        String text = Files.readString(Repository.file(pom));
        String version = text.replace("${quarkus.version}", property(text, "quarkus.version"));
        Matcher bom = BOM.matcher(version);
        assertThat(bom.find()).as("io.quarkus:quarkus-bom import in " + pom).isTrue();
        assertThat(bom.group(1)).isEqualTo(brokerPlatform());
        assertThat(text).doesNotContain("io.quarkus.platform");
    }

    /** The floor stands for the broker's stack: the same Vault extension, not only the same platform. */
    @org.junit.jupiter.api.Test
    void theFloorUsesTheBrokersVaultExtension() throws IOException {
        String floor = property(Files.readString(Repository.file("bench/startup/floor/pom.xml")), "quarkus-vault.version");
        assertThat(floor).isEqualTo(property(Files.readString(Path.of("pom.xml")), "quarkus-vault.version"));
    }

    @org.junit.jupiter.api.Test
    void brokerIsOnTheLtsStreamWithNoPinnedQuarkusArtifacts() throws IOException {
        assertThat(brokerPlatform()).startsWith("3.33.");
        for (Path pom : List.of(Repository.file("pom.xml"), Path.of("pom.xml"), Repository.file("okta-emulator/pom.xml"))) {
            assertThat(Files.readString(pom)).as(pom.toString()).doesNotContain("logging-json.version");
        }
    }

    private static String property(String pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)<").matcher(pom);
        return matcher.find() ? matcher.group(1) : "${" + name + "}";
    }
}
