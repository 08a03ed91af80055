package io.tokenbroker.cache;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tokenbroker.scope.ScopeSet;

/**
 * The last failure of each scope set, kept apart from the cache's slots: dropping a slot to make room
 * (broker.token.max-scope-sets) must not forget that its scope set was just refused, or callers
 * rotating through more scope sets than the cache holds would send every refused request again.
 * Bounded: beyond {@value #MAX_ENTRIES} entries the expired ones go first, then the soonest to expire.
 */
final class FailureMemory {

    static final int MAX_ENTRIES = 4096;

    private final Clock clock;
    private final Map<ScopeSet, Entry> entries = new ConcurrentHashMap<>();

    FailureMemory(Clock clock) {
        this.clock = clock;
    }

    private record Entry(FailureMemo memo, int consecutive) {
    }

    /** The remembered failure, or null. */
    FailureMemo get(ScopeSet scopes) {
        Entry entry = entries.get(scopes);
        return entry == null ? null : entry.memo();
    }

    int consecutiveFailures(ScopeSet scopes) {
        Entry entry = entries.get(scopes);
        return entry == null ? 0 : entry.consecutive();
    }

    void failed(ScopeSet scopes, FailureMemo memo) {
        entries.compute(scopes, (key, old) -> new Entry(memo, old == null ? 1 : old.consecutive() + 1));
        if (entries.size() > MAX_ENTRIES) {
            prune();
        }
    }

    void succeeded(ScopeSet scopes) {
        entries.remove(scopes);
    }

    int size() {
        return entries.size();
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
