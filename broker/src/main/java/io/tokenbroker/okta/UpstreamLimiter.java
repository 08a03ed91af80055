package io.tokenbroker.okta;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tokenbroker.config.BrokerConfig;

/** Bounds the token requests in flight towards the authorization server; the others wait their turn. */
@ApplicationScoped
public class UpstreamLimiter {

    private final int max;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int inUse;

    @jakarta.inject.Inject
    UpstreamLimiter(BrokerConfig config) {
        this(config.okta().maxConcurrentRequests());
    }

    UpstreamLimiter(int max) {
        this.max = max;
    }

    /** Runs {@code work} once a slot is free, and frees it when the work ends (or is cancelled). */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        AtomicBoolean held = new AtomicBoolean();
        return Uni.createFrom().<Void> emitter(emitter -> acquire(emitter, held))
                .flatMap(ignored -> work.get())
                .onTermination().invoke(() -> {
                    if (held.compareAndSet(true, false)) {
                        release();
                    }
                });
    }

    private void acquire(UniEmitter<? super Void> emitter, AtomicBoolean held) {
        Waiter waiter = new Waiter(emitter, held, new AtomicBoolean());
        boolean granted;
        synchronized (this) {
            granted = inUse < max;
            if (granted) {
                inUse++;
            } else {
                waiting.add(waiter);
            }
        }
        if (granted) {
            held.set(true);
            emitter.complete(null);
        } else {
            emitter.onTermination(() -> {
                waiter.gone().set(true);
                synchronized (this) {
                    waiting.remove(waiter);
                }
            });
        }
    }

    /** Hands the permit to the next live waiter, or returns it. */
    private void release() {
        Waiter next;
        synchronized (this) {
            do {
                next = waiting.poll();
            } while (next != null && next.gone().get());
            if (next == null) {
                inUse--;
            }
        }
        if (next != null) {
            next.held().set(true);
            next.emitter().complete(null);
        }
    }

    synchronized int inUse() {
        return inUse;
    }

    private record Waiter(UniEmitter<? super Void> emitter, AtomicBoolean held, AtomicBoolean gone) {
    }
}
