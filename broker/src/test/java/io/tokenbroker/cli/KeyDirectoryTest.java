package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** keys generate --out DIR: a directory of the user's own that no one else can write to, never through a link. */
class KeyDirectoryTest {

    private static final java.nio.file.attribute.FileAttribute<java.util.Set<java.nio.file.attribute.PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    @TempDir
    Path tmp;

    @Test
    void aSymbolicLinkAsTheDirectoryIsRefusedAndNothingIsWrittenWhereItPoints() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"), OWNER_ONLY);
        Path link = Files.createSymbolicLink(tmp.resolve("keys"), real);

        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", link.toString(), "--alg", "ES256");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains(link.toString()).contains("symbolic link");
        try (var files = Files.list(real)) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "rwxrwx---", "rwx---rwx", "rwxrwxrwx" })
    void aDirectoryOthersCanWriteToIsRefused(String mode) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));

        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", dir.toString(), "--alg", "ES256");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains(dir.toString()).contains("others can write").contains(mode);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("theirs"), OWNER_ONLY);
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);

        assertThatThrownBy(() -> KeyDirectory.prepare(dir, OWNER_ONLY, owner + 1)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(e.getMessage()).contains("another user");
        });
        KeyDirectory.prepare(dir, OWNER_ONLY, owner);
    }

    @Test
    void theCurrentUserIsTheOwnerOfWhatThisProcessCreates() throws Exception {
        Path created = Files.createFile(tmp.resolve("mine"));
        assertThat(KeyDirectory.currentUid()).isEqualTo(Files.getAttribute(created, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void anOwnDirectoryNotWritableByOthersIsUsedAsItIs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("mine"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", dir.toString(), "--alg", "ES256");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("public.jwks.json")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void aNewDirectoryAndItsMissingParentsAreOwnerOnly() throws Exception {
        Path dir = tmp.resolve("a/b/keys");

        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", dir.toString(), "--alg", "ES256");

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (Path created : new Path[] { tmp.resolve("a"), tmp.resolve("a/b"), dir }) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).as(created.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("keys"), "not a directory");

        CliRun run = CliRun.of(Map.of(), "keys", "generate", "--out", file.toString(), "--alg", "ES256");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("not a directory");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }
}
