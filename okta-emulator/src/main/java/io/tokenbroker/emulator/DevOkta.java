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
 * loader: started on first use; stopped when the JVM exits or when a successor starts (dev mode's live reload).
 * Not when its class loader closes: Quarkus may evaluate config sources in a class loader it closes while their
 * values stay in use.
 */
final class DevOkta {

    private static final String KEEPER = "okta-emulator-dev";
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
        dir.toFile().deleteOnExit(); // deleted in reverse order: the file, then its directory
        keyFile.toFile().deleteOnExit();
        okta = new OktaEmulator(Clock.systemUTC());
        retirePredecessors();
        Thread keeper = new Thread(this::keep, KEEPER);
        keeper.setDaemon(true);
        keeper.start();
    }

    /**
     * Stops the emulators started before this one in the JVM. Dev mode's live reload loads this module anew (a new
     * class loader, so a new {@link #shared} emulator) after stopping the application that used the previous one;
     * each keeps a daemon thread of a known name, and interrupting it is a signal that needs no shared class.
     */
    private static void retirePredecessors() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (KEEPER.equals(thread.getName())) {
                thread.interrupt();
            }
        }
    }

    /** Waits until interrupted (a successor started) or the JVM exits; then stops this emulator. */
    private void keep() {
        Runtime.getRuntime().addShutdownHook(new Thread(okta::close, "okta-emulator-stop"));
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            try {
                Files.deleteIfExists(keyFile);
                Files.deleteIfExists(keyFile.getParent());
            } catch (IOException notDeleted) {
                // deleteOnExit removes them with the JVM
            }
            okta.close();
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
