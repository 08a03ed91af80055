package io.tokenbroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import io.tokenbroker.testsupport.Repository;

/**
 * One copy of the shipped JVM options: src/main/docker/jvm.options, a java @argfile that the JVM image
 * and every benchmark script pass to java. A flag added anywhere else would make the benchmarks measure
 * something the image does not run (or the reverse).
 */
class JvmOptionsTest {

    private static final Path ARGFILE = Path.of("src/main/docker/jvm.options");

    /** The argfile's options, without the comments the java launcher skips. */
    static List<String> options() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(ARGFILE)) {
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            for (String token : code.strip().split("\\s+")) {
                if (!token.isEmpty()) {
                    options.add(token);
                }
            }
        }
        return options;
    }

    @Test
    void theArgfileHoldsEachOptionOnce() throws IOException {
        List<String> options = options();
        assertThat(options).isNotEmpty().allSatisfy(option -> assertThat(option).startsWith("-"));
        Set<String> names = new HashSet<>();
        for (String option : options) {
            assertThat(names.add(name(option))).as("%s appears twice", name(option)).isTrue();
        }
        assertThat(options).anySatisfy(option -> assertThat(option).startsWith("-Xmx"));
    }

    /** The option an argument sets: -XX:+Flag and -XX:-Flag are one, as are -Xmx32m and -Xmx64m. */
    private static String name(String option) {
        if (option.startsWith("-XX:")) {
            return "-XX:" + option.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*$", "");
        }
        if (option.matches("-X(ms|mx|mn|ss)\\S*")) {
            return option.substring(0, 4);
        }
        return option.replaceFirst("=.*$", "");
    }

    @Test
    void theJvmImageStartsJavaWithTheArgfileAndNoOtherFlags() throws IOException {
        assertThat(DockerfilesTest.instructions("Dockerfile.jvm", "COPY"))
                .anySatisfy(copy -> assertThat(copy).contains("src/main/docker/jvm.options /deployments/jvm.options"));
        List<String> entrypoint = DockerfilesTest.instructions("Dockerfile.jvm", "ENTRYPOINT");
        assertThat(entrypoint).hasSize(1);
        assertThat(entrypoint.get(0)).contains("\"@/deployments/jvm.options\"").contains("-XX:AOTCache=");
        String flags = entrypoint.get(0).replace("-XX:AOTCache=", "") + DockerfilesTest.instructions("Dockerfile.jvm", "ENV");
        assertThat(flags).doesNotContain("-XX:").doesNotContain("-Xm").doesNotContain("JAVA_OPTS");
    }

    @Test
    void everyBenchmarkThatStartsTheBrokerUsesTheArgfile() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(Repository.file("bench"))) {
            scripts = files.filter(p -> p.toString().endsWith(".sh")).toList();
        }
        List<Path> starting = new ArrayList<>();
        for (Path script : scripts) {
            String text = Files.readString(script);
            if (text.contains("quarkus-run.jar")) {
                starting.add(script);
                assertThat(text).as(script.toString()).contains("src/main/docker/jvm.options").doesNotContain("-Xmx");
            }
        }
        assertThat(starting).as("bench scripts that start the broker").hasSizeGreaterThanOrEqualTo(5);
    }
}
