package io.tokenbroker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile.TestResourceEntry;

/** The broker's key as a mounted file ({@code broker.key.source=file}): written 0600 at start, deleted at stop. */
public class KeyFileResource implements QuarkusTestResourceLifecycleManager {

    private BrokerKey key;
    private Path file;

    public static TestResourceEntry entry(BrokerKey key) {
        return new TestResourceEntry(KeyFileResource.class, key.toArgs());
    }

    @Override
    public void init(Map<String, String> args) {
        key = BrokerKey.fromArgs(args);
    }

    @Override
    public Map<String, String> start() {
        try {
            file = Files.createTempFile("broker-key", key.format() == BrokerKey.Format.JWK ? ".json" : ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key.privateKeyText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("broker.key.source", "file");
        config.put("broker.key.file", file.toString());
        config.put("broker.okta.client-id", OktaResource.CLIENT_ID);
        if (key.kid() == BrokerKey.Kid.FROM_SOURCE && key.format() != BrokerKey.Format.JWK) {
            config.put("broker.key.kid", key.testKey().kid());
        }
        if (key.format() == BrokerKey.Format.ENCRYPTED) {
            config.put("broker.key.password", TestKey.PASSWORD);
        }
        return config;
    }

    @Override
    public void stop() {
        deleteQuietly(file);
    }

    static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temp file: nothing else to do
            }
        }
    }
}
