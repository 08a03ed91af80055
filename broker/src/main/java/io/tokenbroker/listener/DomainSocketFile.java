package io.tokenbroker.listener;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.DomainSocketServerStart;

/**
 * The file of Quarkus' Unix domain socket listener ({@code quarkus.http.domain-socket-enabled},
 * {@code quarkus.http.domain-socket}). Quarkus binds it in a private directory ({@link StagedSocketPath});
 * once bound, it is made owner-and-group only and then renamed to the configured path, so nobody else
 * can connect while it has the umask's mode. Before the bind, the configured path must be free or hold a
 * stale socket of the broker's own user (one nobody listens on, left by a crash): anything else (a
 * file, a directory, a link, another process' live socket) fails start-up and is left as it is.
 */
@ApplicationScoped
public class DomainSocketFile {

    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-rw----");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = Logger.getLogger(DomainSocketFile.class);
    private static final int FILE_TYPE_BITS = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final boolean enabled;
    private final Path staging;
    private final Path path;
    private volatile boolean inPlace;

    // Quarkus' own listener keys (the contract: those and nothing else), read here only; BrokerConfig maps
    // broker.*. The path arrives staged (StagedSocketPath): the one Quarkus binds.
    DomainSocketFile(@ConfigProperty(name = "quarkus.http.domain-socket-enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = StagedSocketPath.PATH_KEY, defaultValue = "/var/run/io.quarkus.app.socket") String staged) {
        this.enabled = enabled;
        this.staging = Path.of(staged).toAbsolutePath();
        this.path = StagedSocketPath.target(staging);
        if (enabled && !StagedSocketPath.staging(path).equals(staging)) {
            // without the interceptor, prepare() would treat the socket's own directory as the private one
            throw new IllegalStateException("the domain socket path was not staged: " + StagedSocketPath.class.getName()
                    + " is not installed");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The configured path, where callers connect. */
    public Path path() {
        return path;
    }

    /** Whether the socket is at {@link #path()} with its final mode. */
    public boolean inPlace() {
        return inPlace;
    }

    // StartupEvent observers run before Quarkus opens its listeners; an exception here fails start-up
    void prepare(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws IOException {
        if (enabled) {
            prepare(staging, path);
        }
    }

    void moveIntoPlace(@ObservesAsync DomainSocketServerStart event) {
        try {
            moveIntoPlace(staging, path);
            inPlace = true;
            LOG.infof("serving /v1 on the Unix domain socket %s (mode 0660)", path);
        } catch (IOException | RuntimeException e) {
            // the listener exists but cannot be reached safely: no half-working broker
            LOG.errorf("cannot put the domain socket in place at %s (%s): stopping", path, e.getMessage());
            Quarkus.asyncExit(1);
        }
    }

    /**
     * Checks {@code target} (free, or a stale socket of this user, which is then removed) and creates the
     * private directory of {@code staging}, emptied of what an earlier run left in it.
     *
     * @throws IllegalStateException naming what is at {@code target} when it must not be touched
     */
    static void prepare(Path staging, Path target) throws IOException {
        Path directory = staging.getParent();
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(directory + " is in the way of the domain socket's private directory");
            }
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory)) {
                for (Path leftover : leftovers) {
                    Files.delete(leftover);
                }
            }
        } else {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
        }
        // the umask can only have narrowed the mode; an existing directory may have been anything
        Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
        int ownUid = uid(directory);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(target)) {
            throw new IllegalStateException(target + " exists and is not a socket: the broker leaves it alone and does not start");
        }
        if (uid(target) != ownUid) {
            throw new IllegalStateException(target + " is a socket of another user: the broker leaves it alone and does not start");
        }
        if (listening(target)) {
            throw new IllegalStateException(target + " is served by another process: the broker leaves it alone and does not start");
        }
        Files.delete(target);
        LOG.infof("removed the stale domain socket %s left by an earlier run", target);
    }

    /** Gives the bound socket its final mode, then renames it to {@code target} and removes its directory. */
    static void moveIntoPlace(Path staging, Path target) throws IOException {
        Files.setPosixFilePermissions(staging, MODE);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(target + " appeared while the broker was binding: left alone");
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(staging.getParent());
    }

    static boolean isSocket(Path file) throws IOException {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & FILE_TYPE_BITS) == SOCKET_TYPE;
    }

    private static int uid(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
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
