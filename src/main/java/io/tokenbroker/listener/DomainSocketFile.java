package io.tokenbroker.listener;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.DomainSocketServerStart;

/**
 * The file of Quarkus' Unix domain socket listener ({@code quarkus.http.domain-socket-enabled},
 * {@code quarkus.http.domain-socket}): a socket file left by an earlier run that crashed is deleted
 * before Quarkus binds (a bind on an existing path fails), and the new socket is made owner and group
 * only once Quarkus announces the listener, milliseconds after the bind (connecting needs write
 * permission on the file; until then it has the mode the umask gives it: with the usual 022, others
 * cannot connect either).
 */
@ApplicationScoped
public class DomainSocketFile {

    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-rw----");
    private static final Logger LOG = Logger.getLogger(DomainSocketFile.class);
    private static final int FILE_TYPE_BITS = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final boolean enabled;
    private final Path path;
    private volatile String permissionError = "";

    // Quarkus' own listener keys (the contract: those and nothing else), read here only; BrokerConfig maps broker.*
    DomainSocketFile(@ConfigProperty(name = "quarkus.http.domain-socket-enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.http.domain-socket", defaultValue = "/var/run/io.quarkus.app.socket") String path) {
        this.enabled = enabled;
        this.path = Path.of(path).toAbsolutePath();
    }

    public boolean enabled() {
        return enabled;
    }

    public Path path() {
        return path;
    }

    /** Why the socket's permissions could not be restricted; empty when they were. */
    public String permissionError() {
        return permissionError;
    }

    // StartupEvent observers run before Quarkus opens its listeners
    void removeStale(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (enabled) {
            removeStale(path);
        }
    }

    void restrict(@ObservesAsync DomainSocketServerStart event) {
        try {
            Files.setPosixFilePermissions(path, MODE);
            LOG.infof("serving /v1 on the Unix domain socket %s (mode 0660)", path);
        } catch (IOException | UnsupportedOperationException e) {
            permissionError = e.getClass().getSimpleName() + " on " + path;
            LOG.errorf("cannot restrict the permissions of the domain socket %s (%s): it keeps the mode the umask gave it",
                    path, e.getClass().getSimpleName());
        }
    }

    /**
     * Deletes {@code socket} if it is a socket file nobody listens on. Anything else (a regular file, a
     * directory, a socket another process serves) is left for the bind to fail on, loudly.
     */
    static boolean removeStale(Path socket) {
        try {
            if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS) || !isSocket(socket)) {
                return false;
            }
            if (listening(socket)) {
                LOG.warnf("%s is served by another process: not removed, the broker's bind will fail", socket);
                return false;
            }
            Files.delete(socket);
            LOG.infof("removed the stale domain socket %s left by an earlier run", socket);
            return true;
        } catch (IOException e) {
            LOG.warnf("cannot remove the stale domain socket %s: %s", socket, e.getClass().getSimpleName());
            return false;
        }
    }

    static boolean isSocket(Path file) throws IOException {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & FILE_TYPE_BITS) == SOCKET_TYPE;
    }

    private static boolean listening(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
