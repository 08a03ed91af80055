package io.tokenbroker.cache;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * One scope set's cache entry: the current token and at most one in-flight upstream request (the
 * memory of failures lives in {@link FailureMemory}, which outlives the slot). Concurrent callers
 * that find no usable token share the in-flight
 * request (compare-and-set on the reference, memoized Uni), so a cold start or a refresh is one
 * upstream call.
 */
final class TokenSlot {

    private final AtomicReference<CachedToken> token = new AtomicReference<>();
    private final AtomicReference<Uni<CachedToken>> inFlight = new AtomicReference<>();
    private volatile long lastUsed;

    CachedToken token() {
        return token.get();
    }

    boolean fetching() {
        return inFlight.get() != null;
    }

    long lastUsed() {
        return lastUsed;
    }

    void touch(long tick) {
        lastUsed = tick;
    }

    void succeeded(CachedToken fresh) {
        token.set(fresh);
    }

    /** Joins the in-flight request or starts one with {@code upstream}. */
    Uni<CachedToken> fetch(Supplier<Uni<CachedToken>> upstream) {
        while (true) {
            Uni<CachedToken> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Uni<CachedToken>> self = new AtomicReference<>();
            // upstream publishes the token (or the failure) before the slot stops being "in flight",
            // so a caller always sees one of them
            Uni<CachedToken> shared = Uni.createFrom().deferred(upstream::get)
                    .eventually(() -> inFlight.compareAndSet(self.get(), null))
                    .memoize().indefinitely();
            self.set(shared);
            if (inFlight.compareAndSet(null, shared)) {
                shared.subscribe().with(t -> {
                }, e -> {
                });
                return shared;
            }
        }
    }
}
