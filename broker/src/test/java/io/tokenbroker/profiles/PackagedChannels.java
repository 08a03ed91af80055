package io.tokenbroker.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;
import io.tokenbroker.testsupport.TimeSource;
import io.tokenbroker.testsupport.VaultOptions;

/**
 * A packaged broker with every channel and operations surface on at once: an encrypted PKCS#8 EC key in a
 * file, the loopback listener and a Unix domain socket, the token file, the management interface on a port
 * of its own, and JSON logs (in the log file the test launcher has the broker write). One start for all of
 * them: a native start is cheap, the test's own set-up is not.
 */
public class PackagedChannels extends StandInProfile {

    public static final Path DIRECTORY = directory();
    public static final Path SOCKET = DIRECTORY.resolve("broker.sock");
    public static final Path TOKEN_FILE = DIRECTORY.resolve("sink").resolve("token");
    /** Where the integration-test launcher has the broker write its log (and reads the listening port from). */
    public static final Path LOG_FILE = Path.of("target", "quarkus.log");
    public static final int MANAGEMENT_PORT = freePort();

    public PackagedChannels() {
        super(BrokerKey.file(Alg.P384, Format.ENCRYPTED), VaultOptions.defaults().on(TimeSource.SYSTEM), TimeSource.SYSTEM);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(TOKEN_FILE.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.http.domain-socket-enabled", "true",
                "quarkus.http.domain-socket", SOCKET.toString(),
                "broker.sink.file.path", TOKEN_FILE.toString(),
                // the prod build's management interface, which the test config profile would leave off
                "quarkus.management.enabled", "true",
                "quarkus.management.port", Integer.toString(MANAGEMENT_PORT),
                "broker.log.json", "true");
    }

    private static Path directory() {
        try {
            return Files.createTempDirectory("broker-channels");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free now; the broker binds it a few seconds later (nothing else on this loopback asks for one so). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
