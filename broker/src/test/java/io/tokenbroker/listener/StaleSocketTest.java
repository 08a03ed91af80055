package io.tokenbroker.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What may be at a domain socket's path before the bind (nothing, or a stale socket of the broker's user,
 * which is removed; anything else fails start-up untouched), and how the bound socket gets there.
 */
class StaleSocketTest {

    @TempDir
    Path directory;

    private Path target() {
        return directory.resolve("broker.sock");
    }

    private Path staging() {
        return StagedSocketPath.staging(target());
    }

    @Test
    void theSocketIsBoundInAPrivateDirectoryBesideTheConfiguredPath() throws Exception {
        assertThat(staging().getParent()).isEqualTo(directory.resolve(".broker.sock.bind"));
        assertThat(StagedSocketPath.target(staging())).isEqualTo(target());

        DomainSocketFile.prepare(staging(), target());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staging().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void whenASocketFileIsLeftWithoutListenerThenItIsRemoved() throws Exception {
        try (ServerSocketChannel earlier = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            earlier.bind(UnixDomainSocketAddress.of(target()));
        }
        assertThat(target()).exists();

        DomainSocketFile.prepare(staging(), target());

        assertThat(target()).doesNotExist();
    }

    @Test
    void whenAnotherProcessServesTheSocketThenStartUpFailsAndTheSocketIsKept() throws Exception {
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(target()));

            assertThatThrownBy(() -> DomainSocketFile.prepare(staging(), target()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("served by another process");
            try (SocketChannel caller = SocketChannel.open(UnixDomainSocketAddress.of(target()))) {
                assertThat(caller.isConnected()).isTrue();
            }
        }
    }

    @Test
    void whenThePathIsARegularFileThenStartUpFailsAndTheFileIsKept() throws Exception {
        Path file = Files.writeString(target(), "not a socket");

        assertThatThrownBy(() -> DomainSocketFile.prepare(staging(), target()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not a socket");
        assertThat(file).hasContent("not a socket");
    }

    @Test
    void whenThePathIsASymbolicLinkThenStartUpFailsAndTheLinkIsKept() throws Exception {
        Path elsewhere = Files.writeString(directory.resolve("elsewhere"), "x");
        Files.createSymbolicLink(target(), elsewhere);

        assertThatThrownBy(() -> DomainSocketFile.prepare(staging(), target())).isInstanceOf(IllegalStateException.class);
        assertThat(Files.isSymbolicLink(target())).isTrue();
        assertThat(elsewhere).hasContent("x");
    }

    @Test
    void whatAnEarlierRunLeftInThePrivateDirectoryIsClearedAndItsModeMadePrivate() throws Exception {
        Files.createDirectory(staging().getParent());
        Files.writeString(staging(), "left over");
        Files.setPosixFilePermissions(staging().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        DomainSocketFile.prepare(staging(), target());

        assertThat(staging()).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staging().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void theBoundSocketReachesThePathWithItsFinalModeAndStillServes() throws Exception {
        DomainSocketFile.prepare(staging(), target());
        try (ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            bound.bind(UnixDomainSocketAddress.of(staging()));

            DomainSocketFile.moveIntoPlace(staging(), target());

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target()))).isEqualTo("rw-rw----");
            assertThat(staging().getParent()).doesNotExist();
            try (SocketChannel caller = SocketChannel.open(UnixDomainSocketAddress.of(target()))) {
                assertThat(caller.isConnected()).isTrue();
            }
        }
    }

    @Test
    void somethingThatAppearedAtThePathDuringTheBindIsLeftAlone() throws Exception {
        DomainSocketFile.prepare(staging(), target());
        try (ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            bound.bind(UnixDomainSocketAddress.of(staging()));
            Files.writeString(target(), "someone else's");

            assertThatThrownBy(() -> DomainSocketFile.moveIntoPlace(staging(), target())).isInstanceOf(IllegalStateException.class);
            assertThat(target()).hasContent("someone else's");
        }
    }
}
