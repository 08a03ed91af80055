package io.tokenbroker.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tokenbroker.assertion.RandomBytes;

/**
 * Writes key files: into a directory {@link KeyDirectory} created or accepted, each file 0600 from the
 * moment it exists (the mode is given at creation, never set afterwards), written beside its target
 * under a fresh name and renamed over it atomically, so no one reads a partial key. No symbolic link is
 * followed: a temporary name that already exists (a planted link included) fails the write, a link at
 * the target is refused, and the rename replaces a directory entry, never what a link points to.
 * Nothing is overwritten without --force.
 */
final class SecretFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private SecretFiles() {
    }

    /** Writes all files or none: existing targets and links are reported before anything is written. */
    static void writeAll(Path dir, Map<String, String> files, boolean force) {
        try {
            KeyDirectory.prepare(dir, OWNER_ONLY_DIRECTORY);
            List<String> links = files.keySet().stream().filter(name -> Files.isSymbolicLink(dir.resolve(name))).toList();
            if (!links.isEmpty()) {
                throw new CliException(CliException.REFUSED, "refusing to write through symbolic links " + links + " in " + dir);
            }
            List<String> existing = files.keySet().stream()
                    .filter(name -> Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)).toList();
            if (!existing.isEmpty() && !force) {
                throw new CliException(CliException.REFUSED, "refusing to overwrite " + existing + " in " + dir + " (use --force)");
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey());
                replace(target, file.getValue(), dir.resolve("." + file.getKey() + "." + HexFormat.of().formatHex(nonce()) + ".tmp"));
            }
        } catch (IOException e) {
            throw new CliException(CliException.OPERATION_FAILED, "cannot write to " + dir + ": " + e.getClass().getSimpleName()
                    + " " + e.getMessage());
        }
    }

    /**
     * Writes {@code content} to {@code temp} (created new, 0600, never through a link) and renames it
     * over {@code target}.
     *
     * @throws FileAlreadyExistsException when {@code temp} exists, as a link or otherwise
     */
    static void replace(Path target, String content, Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), OWNER_ONLY_FILE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw e; // not ours: leave it alone
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static byte[] nonce() {
        return RandomBytes.next(8);
    }
}
