package io.tokenbroker.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.tokenbroker.config.BrokerConfig.SinkFormat;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopeSet;

/**
 * What the token file holds and until when: a token written by this process, or one left by an earlier run
 * (its expiry read back from the file when the format tells it). Writes and removes the file, and reports
 * both through {@link SinkStatus}. Used on the sink's one writer thread only.
 */
final class TokenFileState {

    private static final Logger LOG = Logger.getLogger(TokenFileSink.class);

    private final TokenFile file;
    private final SinkFormat format;
    private final SinkStatus status;
    /** The token on disk ({@code null}: left by an earlier run); null when there is no file. */
    private volatile IssuedToken token;
    /** When the token on disk expires; null when there is no file, or a left file does not say. */
    private volatile Instant expiresAt;
    private volatile boolean present;

    TokenFileState(TokenFile file, SinkFormat format, SinkStatus status) {
        this.file = file;
        this.format = format;
        this.status = status;
        if (Files.exists(file.path())) {
            // left by an earlier run: kept while its token may still be good, replaced by the first token
            present = true;
            expiresAt = leftoverExpiry();
        }
    }

    /** Whether the file holds a token written by this process. */
    boolean holdsToken() {
        return token != null;
    }

    /** Writes {@code token} unless the file already holds it or a newer one. */
    boolean write(IssuedToken next, Instant now) {
        IssuedToken onDisk = token;
        if (onDisk != null && (onDisk.accessToken().equals(next.accessToken()) || next.issuedAt().isBefore(onDisk.issuedAt()))) {
            return false;
        }
        try {
            file.write(TokenFileFormat.render(format, next, now));
            token = next;
            expiresAt = next.expiresAt();
            present = true;
            status.written(now);
            LOG.debugf("token file %s written: %s", file.path(), next);
            return true;
        } catch (IOException | RuntimeException e) {
            status.failed(e);
            return false;
        }
    }

    /**
     * Whether the file's token has expired: a reader may use it until then, whatever the broker's own
     * min-validity says. A left file that does not tell its expiry counts as expired once the cache has
     * answered that no token can be had ({@code afterFailure}).
     */
    boolean expired(Instant now, boolean afterFailure) {
        if (!present) {
            return false;
        }
        Instant expiry = expiresAt;
        return expiry == null ? afterFailure : !now.isBefore(expiry);
    }

    void remove(ScopeSet scopes) {
        try {
            file.remove();
            token = null;
            expiresAt = null;
            present = false;
            status.removed(scopes);
        } catch (IOException | RuntimeException e) {
            status.failed(e);
        }
    }

    private Instant leftoverExpiry() {
        try {
            return TokenFileFormat.expiry(format, Files.readString(file.path(), StandardCharsets.UTF_8)).orElse(null);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
