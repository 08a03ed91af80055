package io.tokenbroker.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * One file replaced atomically: the new content goes to a temporary file in the same directory
 * (same file system, so the rename is atomic), which then replaces the target with ATOMIC_MOVE. A
 * reader opens either the old file or the new one, never a partial, empty or missing one.
 */
final class TokenFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final Set<PosixFilePermission> mode;

    TokenFile(Path path, Set<PosixFilePermission> mode) {
        this.path = path.toAbsolutePath();
        this.mode = Set.copyOf(mode);
    }

    /** Parses an octal mode such as {@code 0600} or {@code 640}. */
    static Set<PosixFilePermission> mode(String octal) {
        int bits = Integer.parseInt(octal, 8);
        StringBuilder symbolic = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            symbolic.append((bits & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(symbolic.toString());
    }

    /**
     * The start-up warning for a world-readable mode: any user of the host (or container) may read the token.
     * Group- and world-writable modes never get here: ConfigRules refuses them.
     */
    static Optional<String> modeWarning(String octal) {
        if ((Integer.parseInt(octal, 8) & 0004) == 0) {
            return Optional.empty();
        }
        return Optional.of("broker.sink.file.mode " + octal + " lets every user read the token file; 0600, or 0640 with a"
                + " group shared with the readers, keeps it to them");
    }

    Path path() {
        return path;
    }

    void write(byte[] content) throws IOException {
        // created owner-only, then given its mode explicitly: the mode of a new file is cut by the umask
        Path temporary = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temporary, mode);
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** @return true when there was a file to remove */
    boolean remove() throws IOException {
        return Files.deleteIfExists(path);
    }
}
