package io.tokenbroker.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes key files: directory 0700 when created, files 0600, nothing overwritten without --force. */
final class SecretFiles {

    private SecretFiles() {
    }

    /** Writes all files or none: existing targets are reported before anything is written. */
    static void writeAll(Path dir, Map<String, String> files, boolean force) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            List<String> existing = files.keySet().stream().filter(name -> Files.exists(dir.resolve(name))).toList();
            if (!existing.isEmpty() && !force) {
                throw new CliException(CliException.REFUSED, "refusing to overwrite " + existing + " in " + dir + " (use --force)");
            }
            for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.deleteIfExists(target);
                Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(target, file.getValue(), StandardOpenOption.TRUNCATE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new CliException(CliException.REFUSED, "file appeared while writing: " + e.getFile());
        } catch (IOException e) {
            throw new CliException(CliException.OPERATION_FAILED, "cannot write to " + dir + ": " + e.getMessage());
        }
    }
}
