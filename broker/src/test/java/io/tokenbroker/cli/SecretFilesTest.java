package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: owner-only from creation, replaced atomically, never written through a symbolic link. */
class SecretFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aSymbolicLinkAtTheTargetIsRefusedEvenWithForceAndItsDestinationIsUntouched() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "do not touch");
        Path out = Files.createDirectory(tmp.resolve("keys"));
        Files.createSymbolicLink(out.resolve("private.pkcs8.pem"), victim);

        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", out.toString(), "--alg", "ES256", "--force");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("symbolic link").contains("private.pkcs8.pem");
        assertThat(Files.readString(victim)).isEqualTo("do not touch");
        assertThat(Files.isSymbolicLink(out.resolve("private.pkcs8.pem"))).isTrue();
        assertThat(out.resolve("public.jwks.json")).doesNotExist(); // all or nothing
    }

    @Test
    void aDanglingLinkAtTheTargetIsNotMistakenForAFreeName() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("keys"));
        Path planted = tmp.resolve("planted");
        Files.createSymbolicLink(out.resolve("private.jwk.json"), planted);

        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", out.toString(), "--alg", "ES256");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(planted).doesNotExist();
    }

    @Test
    void aLinkPlantedAtTheTemporaryNameIsNotFollowed() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "do not touch");
        Path temp = tmp.resolve(".key.tmp");
        Files.createSymbolicLink(temp, victim);

        assertThatThrownBy(() -> SecretFiles.replace(tmp.resolve("key"), "secret", temp)).isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readString(victim)).isEqualTo("do not touch");
        assertThat(Files.isSymbolicLink(temp)).isTrue();
        assertThat(tmp.resolve("key")).doesNotExist();
    }

    @Test
    void aReplacedFileIsOwnerOnlyAndTheTemporaryIsGone() throws Exception {
        Path target = Files.writeString(tmp.resolve("key"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

        SecretFiles.replace(target, "new", tmp.resolve(".key.tmp"));

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(target);
        }
    }
}
