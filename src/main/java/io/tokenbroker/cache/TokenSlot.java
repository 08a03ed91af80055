package io.tokenbroker.cache;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.okta.IssuedToken;

/**
 * One scope set's cache entry: the current token and at most one in-flight upstream request.
 * Concurrent callers that find no usable token share the in-flight request (compare-and-set on
 * the reference, memoized Uni), so a cold start or a refresh is one upstream call.
 */
final class TokenSlot {

    private final AtomicReference<IssuedToken> token = new AtomicReference<>();
    private final AtomicReference<Uni<IssuedToken>> inFlight = new AtomicReference<>();

    IssuedToken token() {
        return token.get();
    }

    boolean fetching() {
        return inFlight.get() != null;
    }

    /** Joins the in-flight request or starts one with {@code upstream}. */
    Uni<IssuedToken> fetch(Supplier<Uni<IssuedToken>> upstream) {
        while (true) {
            Uni<IssuedToken> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Uni<IssuedToken>> self = new AtomicReference<>();
            Uni<IssuedToken> shared = Uni.createFrom().deferred(upstream::get)
                    // publish the token before the slot stops being "in flight": a caller always sees one of them
                    .invoke(token::set)
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
