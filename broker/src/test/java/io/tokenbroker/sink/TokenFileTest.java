package io.tokenbroker.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic replacement underneath the sink, without an application. */
class TokenFileTest {

    @TempDir
    Path directory;

    @Test
    void octalModesBecomePermissions() {
        assertThat(PosixFilePermissions.toString(TokenFile.mode("0600"))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(TokenFile.mode("640"))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(TokenFile.mode("0751"))).isEqualTo("rwxr-x--x");
    }

    @Test
    void onlyAWorldReadableModeIsWarnedAbout() {
        assertThat(TokenFile.modeWarning("0644")).hasValueSatisfying(w -> assertThat(w).contains("0644").contains("every user"));
        assertThat(TokenFile.modeWarning("604")).isPresent();
        assertThat(TokenFile.modeWarning("0600")).isEmpty();
        assertThat(TokenFile.modeWarning("0640")).isEmpty();
    }

    @Test
    void whenWrittenTwiceThenTheSecondContentReplacesTheFirstWithTheModeAndNoLeftovers() throws Exception {
        TokenFile file = new TokenFile(directory.resolve("token"), TokenFile.mode("0640"));

        file.write("first".getBytes(StandardCharsets.US_ASCII));
        file.write("second".getBytes(StandardCharsets.US_ASCII));

        assertThat(directory.resolve("token")).hasContent("second");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("token")))).isEqualTo("rw-r-----");
        try (var entries = Files.list(directory)) {
            assertThat(entries).containsExactly(directory.resolve("token"));
        }
    }

    @Test
    void whenTheDirectoryIsMissingThenWritingFailsWithoutCreatingIt() {
        TokenFile file = new TokenFile(directory.resolve("absent").resolve("token"), TokenFile.mode("0600"));

        assertThatThrownBy(() -> file.write("t".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IOException.class);
        assertThat(directory.resolve("absent")).doesNotExist();
    }

    @Test
    void removingAMissingFileIsNoError() throws Exception {
        TokenFile file = new TokenFile(directory.resolve("token"), TokenFile.mode("0600"));
        file.write("t".getBytes(StandardCharsets.US_ASCII));

        assertThat(file.remove()).isTrue();
        assertThat(file.remove()).isFalse();
    }
}
