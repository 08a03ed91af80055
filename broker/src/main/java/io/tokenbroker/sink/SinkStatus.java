package io.tokenbroker.sink;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.tokenbroker.scope.ScopeSet;

/**
 * What the token file sink reports: the last write, the current failure, their metrics and log lines.
 * A failure is logged once per distinct reason, whether a write or a removal failed: a read-only volume
 * must not flood the log once a second. No line carries a token.
 */
final class SinkStatus {

    private static final Logger LOG = Logger.getLogger(TokenFileSink.class);

    private final Path path;
    private final SinkMetrics metrics;
    private volatile Instant lastWrite;
    private volatile String error = "";

    SinkStatus(Path path, SinkMetrics metrics) {
        this.path = path;
        this.metrics = metrics;
    }

    Optional<Instant> lastWrite() {
        return Optional.ofNullable(lastWrite);
    }

    String error() {
        return error;
    }

    void written(Instant at) {
        lastWrite = at;
        metrics.written(at.getEpochSecond());
        if (!error.isEmpty()) {
            LOG.infof("token file %s written again", path);
            error = "";
        }
    }

    void removed(ScopeSet scopes) {
        error = "";
        metrics.removed();
        LOG.infof("token file %s removed: its token expired and no newer one for \"%s\" can be had now; written again"
                + " with the next one", path, scopes);
    }

    void failed(Exception e) {
        metrics.failed();
        String reason = "cannot update " + path + ": " + reasonOf(e);
        if (!reason.equals(error)) {
            error = reason;
            LOG.errorf("token file sink %s; /v1 keeps serving, retried at every check", reason);
        }
    }

    /** The exception's kind and the directory's state; its message may name a random temporary file. */
    private String reasonOf(Exception e) {
        Path directory = path.getParent();
        if (!Files.isDirectory(directory)) {
            return directory + " is not a directory (missing, or a file)";
        }
        if (!Files.isWritable(directory)) {
            return directory + " is not writable";
        }
        String detail = e instanceof FileSystemException fs && fs.getReason() != null ? " (" + fs.getReason() + ")" : "";
        return e.getClass().getSimpleName() + detail;
    }
}
