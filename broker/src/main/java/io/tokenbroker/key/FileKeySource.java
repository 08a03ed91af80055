package io.tokenbroker.key;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** Reads the key from {@code broker.key.file}: PEM or JWK, read anew on every {@link #load()}. */
public class FileKeySource implements KeySource<RawKey> {

    private final Path file;

    public FileKeySource(Path file) {
        this.file = file;
    }

    @Override
    public Uni<RawKey> load() {
        return Uni.createFrom().item(this::readNow); // KeyLoader, the only caller, runs every read on a worker
    }

    private RawKey readNow() {
        try {
            return new RawKey(Files.readString(file), Optional.empty(), Optional.empty(), describe());
        } catch (IOException e) {
            throw new KeyMaterialException(describe(), "cannot read the key file", e);
        }
    }

    @Override
    public String describe() {
        return "broker.key.file " + file;
    }
}
