package io.tokenbroker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.tokenbroker.testsupport.PackagedArtifact;

/** The packaged broker (the jar, or the native executable after -Dnative) refuses to start on a setting out of bounds, and says which. */
class ConfigRulesIT {

    @Test
    void theBrokerDoesNotStartWithASettingOutOfBoundsAndNamesEachOne() throws Exception {
        Path log = Path.of("target/broker-config-rules.log");
        ProcessBuilder builder = new ProcessBuilder(PackagedArtifact.command())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BROKER_OKTA_MAX_CONCURRENT_REQUESTS", "0");
        builder.environment().put("BROKER_TOKEN_REFRESH_RATIO", "2");
        builder.environment().put("BROKER_SINK_FILE_MODE", "0999");
        builder.environment().put("QUARKUS_VAULT_URL", "http://vault.example:8200");
        // ports of its own, should the refusal ever fail to happen
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        Process process = builder.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as("the broker ended by itself:\n%s", output).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("broker.okta.max-concurrent-requests must be at least 1 (is 0)",
                "broker.token.refresh-ratio must be between 0.1 and 0.95 (is 2.0)",
                "broker.sink.file.mode must be an octal mode such as 0600 (is 0999)",
                "quarkus.vault.url must use https (plain http only for 127.0.0.1, ::1 or localhost; is http://vault.example:8200)");
    }
}
