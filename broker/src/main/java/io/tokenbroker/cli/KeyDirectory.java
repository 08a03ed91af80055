package io.tokenbroker.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The directory key files are written to. A new one is created owner-only (0700). An existing one is used only if
 * it is the user's own, not group- or world-writable and not a symbolic link (read with
 * NOFOLLOW_LINKS): anyone else who can write there could swap public.jwks.json for their own key before
 * {@code okta create-app --jwks} registers it, or read the private key through a link they control.
 */
final class KeyDirectory {

    private KeyDirectory() {
    }

    /**
     * Creates {@code dir} (and missing parents) with {@code ownerOnly}, or checks that the existing one is
     * safe to write keys into.
     */
    static void prepare(Path dir, FileAttribute<Set<PosixFilePermission>> ownerOnly) throws IOException {
        prepare(dir, ownerOnly, currentUid());
    }

    /** @param uid the user the directory must belong to */
    static void prepare(Path dir, FileAttribute<Set<PosixFilePermission>> ownerOnly, int uid) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectories(parent, ownerOnly);
        }
        try {
            Files.createDirectory(dir, ownerOnly);
        } catch (FileAlreadyExistsException existing) {
            // checked below like any existing directory: it may have appeared since the parent was made
        }
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw refused(dir, "it is a symbolic link; give the directory itself");
        }
        if (!attributes.isDirectory()) {
            throw refused(dir, "it is not a directory");
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid) {
            throw refused(dir, "it belongs to another user (uid " + owner + ", not " + uid + ")");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw refused(dir, "others can write to it (mode " + PosixFilePermissions.toString(permissions)
                    + "); use a directory of your own, e.g. one that does not exist yet (created 0700)");
        }
    }

    /**
     * The effective uid, which owns what this process creates: the owner of /proc/self on Linux; elsewhere
     * the owner of a file created for the purpose (user.name may name no one in a container run as a
     * bare uid).
     */
    static int currentUid() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return (Integer) Files.getAttribute(self, "unix:uid");
        }
        Path probe = Files.createTempFile("token-broker-uid", ".tmp");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.delete(probe);
        }
    }

    private static CliException refused(Path dir, String why) {
        return new CliException(CliException.REFUSED, "refusing to write keys to " + dir + ": " + why);
    }
}
