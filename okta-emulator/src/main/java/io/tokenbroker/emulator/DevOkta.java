package io.tokenbroker.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * The emulator a JVM runs for dev mode and the tests' default configuration, with the key a broker signs its
 * assertions with: generated at start, its private half in a file only this user can read (the broker reads it
 * as it reads any key file), its public half registered under its RFC 7638 thumbprint as the kid. One per class
 * loader: started on first use, stopped when that class loader is closed (dev mode's live reload and each
 * {@code @QuarkusTest} application close theirs: no emulator outlives the application that started it) or when
 * the JVM exits.
 */
final class DevOkta {

    private static DevOkta shared;

    private final OktaEmulator okta;
    private final Path keyFile;
    private final RsaJsonWebKey key;

    private DevOkta() throws IOException, JoseException {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
        Path dir = Files.createTempDirectory("okta-emulator-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        keyFile = dir.resolve("dev-key.jwk.json");
        Files.writeString(Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        keyFile.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        okta = new OktaEmulator(Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "okta-emulator-stop"));
        closeWithClassLoader();
    }

    /** Quarkus' class loaders run close tasks; found by reflection, as this module does not depend on Quarkus. */
    private void closeWithClassLoader() {
        ClassLoader loader = DevOkta.class.getClassLoader();
        try {
            loader.getClass().getMethod("addCloseTask", Runnable.class).invoke(loader, (Runnable) this::stop);
        } catch (ReflectiveOperationException e) {
            // another class loader: the shutdown hook stops it
        }
    }

    private void stop() {
        okta.close();
        try {
            Files.deleteIfExists(keyFile);
            Files.deleteIfExists(keyFile.getParent());
        } catch (IOException e) {
            // deleteOnExit removes it with the JVM
        }
    }

    static synchronized DevOkta shared() {
        if (shared == null) {
            try {
                shared = new DevOkta();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Okta emulator", e);
            } catch (JoseException e) {
                throw new IllegalStateException("cannot generate the dev key", e);
            }
        }
        return shared;
    }

    /** Registers (or re-registers) the client with the dev key and these scopes granted. */
    void register(String clientId, Set<String> scopes) {
        okta.issuer().registerClient(clientId, List.of(key), scopes);
    }

    String domain() {
        return okta.baseUrl();
    }

    Path keyFile() {
        return keyFile;
    }

    OktaEmulator okta() {
        return okta;
    }
}
