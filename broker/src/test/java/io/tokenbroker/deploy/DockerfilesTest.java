package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What can be checked of the Dockerfiles without a Docker engine; DockerfilesIT checks the COPY sources after packaging. */
class DockerfilesTest {

    static List<String> instructions(String file, String keyword) throws IOException {
        List<String> found = new ArrayList<>();
        String joined = Files.readString(Path.of("src/main/docker", file)).replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.toUpperCase().startsWith(keyword + " ")) {
                found.add(trimmed.substring(keyword.length()).strip());
            }
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = { "Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro" })
    void runsAsANonRootUserExposesOnlyTheBrokerPortAndPinsItsBase(String file) throws IOException {
        List<String> users = instructions(file, "USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).matches("\\d+").isNotEqualTo("0");
        assertThat(instructions(file, "EXPOSE")).containsExactly("7523");
        assertThat(instructions(file, "FROM")).allSatisfy(from -> {
            assertThat(from).contains(":");
            assertThat(from).doesNotEndWith(":latest");
        });
    }
}
