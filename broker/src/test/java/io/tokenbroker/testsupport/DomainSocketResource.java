package io.tokenbroker.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The broker on a Unix domain socket only: a fresh directory whose socket path already holds a stale
 * socket file (bound and closed without unlinking, as after a crash), the TCP listener disabled, and a
 * test port that was free, so a test can check nothing listens on it.
 */
public class DomainSocketResource implements QuarkusTestResourceLifecycleManager {

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("broker-socket");
            Path socket = directory.resolve("broker.sock");
            try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                stale.bind(UnixDomainSocketAddress.of(socket));
            }
            int unusedPort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                unusedPort = probe.getLocalPort();
            }
            return Map.of("quarkus.http.domain-socket-enabled", "true",
                    "quarkus.http.domain-socket", socket.toString(),
                    "quarkus.http.host-enabled", "false",
                    "quarkus.http.test-port", String.valueOf(unusedPort));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the socket directory", e);
        }
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; nothing else to do
        }
    }
}
