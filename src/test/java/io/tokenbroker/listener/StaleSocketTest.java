package io.tokenbroker.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What may be deleted at a domain socket's path before the bind: a stale socket file, nothing else. */
class StaleSocketTest {

    @TempDir
    Path directory;

    @Test
    void whenASocketFileIsLeftWithoutListenerThenItIsRemoved() throws Exception {
        Path socket = directory.resolve("broker.sock");
        try (ServerSocketChannel earlier = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            earlier.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        assertThat(DomainSocketFile.removeStale(socket)).isTrue();
        assertThat(socket).doesNotExist();
    }

    @Test
    void whenAnotherProcessServesTheSocketThenItIsKept() throws Exception {
        Path socket = directory.resolve("broker.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));

            assertThat(DomainSocketFile.removeStale(socket)).isFalse();
            assertThat(socket).exists();
        }
    }

    @Test
    void whenThePathIsARegularFileThenItIsKept() throws Exception {
        Path file = Files.writeString(directory.resolve("broker.sock"), "not a socket");

        assertThat(DomainSocketFile.removeStale(file)).isFalse();
        assertThat(file).hasContent("not a socket");
    }

    @Test
    void whenNothingIsAtThePathThenNothingHappens() {
        assertThat(DomainSocketFile.removeStale(directory.resolve("absent.sock"))).isFalse();
    }
}
