package io.tokenbroker.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.tokenbroker.clock.Backoff;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.scope.ScopeSet;

/**
 * The last failure of each scope set, kept apart from the cache's slots: dropping a slot to make room
 * (broker.token.max-scope-sets) must not forget that its scope set was just refused, or callers
 * rotating through more scope sets than the cache holds would send every refused request again.
 * A rejection is held for {@code broker.token.rejection-memory}, a transient failure for the
 * {@link Backoff#failedFetches failed-fetch backoff} of its consecutive failures, never shorter than the
 * server's own hint. Bounded: beyond {@value #MAX_ENTRIES} entries the expired ones go first, then the
 * soonest to expire.
 */
final class FailureMemory {

    static final int MAX_ENTRIES = 4096;
    private static final Logger LOG = Logger.getLogger(FailureMemory.class);

    private final Clock clock;
    private final Duration rejectionMemory;
    private final Backoff backoff;
    private final Map<ScopeSet, Entry> entries = new ConcurrentHashMap<>();

    FailureMemory(Clock clock, Duration rejectionMemory, Backoff backoff) {
        this.clock = clock;
        this.rejectionMemory = rejectionMemory;
        this.backoff = backoff;
    }

    private record Entry(FailureMemo memo, int consecutive) {
    }

    /** The remembered failure, or null. */
    FailureMemo get(ScopeSet scopes) {
        Entry entry = entries.get(scopes);
        return entry == null ? null : entry.memo();
    }

    void failed(ScopeSet scopes, Throwable failure) {
        entries.compute(scopes, (key, old) -> {
            int consecutive = old == null || quietSince(old) ? 1 : old.consecutive() + 1;
            return new Entry(memo(failure, consecutive), consecutive);
        });
        if (entries.size() > MAX_ENTRIES) {
            prune();
        }
    }

    /**
     * Failures are consecutive while each comes within the longest backoff of the last one's end. After a
     * longer quiet spell (no one asked for the scope set) the next failure starts the backoff over, rather
     * than resuming at the ceiling an outage hours ago reached.
     */
    private boolean quietSince(Entry old) {
        return old.memo().retryAt().plus(backoff.max()).isBefore(clock.instant());
    }

    void succeeded(ScopeSet scopes) {
        entries.remove(scopes);
    }

    int size() {
        return entries.size();
    }

    private FailureMemo memo(Throwable failure, int consecutive) {
        Instant now = clock.instant();
        if (failure instanceof UpstreamRejectedException rejected) {
            LOG.warnf("token request rejected, not retried for %ss: %s", rejectionMemory.toSeconds(), rejected.description());
            return new FailureMemo(rejected, now.plus(rejectionMemory));
        }
        Duration wait = backoff.after(consecutive, failure);
        BrokerException error = failure instanceof BrokerException broker ? broker
                : new TemporarilyUnavailableException("token request failed (" + failure.getClass().getSimpleName() + ")", wait);
        return new FailureMemo(error, now.plus(wait));
    }

    private void prune() {
        var now = clock.instant();
        entries.values().removeIf(entry -> !entry.memo().holds(now));
        while (entries.size() > MAX_ENTRIES) {
            entries.entrySet().stream().min(Comparator.comparing(e -> e.getValue().memo().retryAt()))
                    .ifPresent(oldest -> entries.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}
