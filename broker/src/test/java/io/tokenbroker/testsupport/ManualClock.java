package io.tokenbroker.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tokenbroker.clock.Pause;

/**
 * A clock that stands still until a test moves it: one instance per unit test. Its {@link #pause()}
 * waits on this clock: a pause ends when the test has moved the clock past it, never by itself.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;
    private final List<Waiting> waiting = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();

    private record Waiting(Instant until, UniEmitter<? super Void> emitter) {
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock and ends the pauses it passes (on the calling thread, in their order). */
    public void advance(Duration by) {
        List<Waiting> due = new ArrayList<>();
        synchronized (this) {
            now = now.plus(by);
            waiting.removeIf(w -> !w.until().isAfter(now) && due.add(w));
        }
        due.forEach(w -> w.emitter().complete(null));
    }

    /** Pauses that end when this clock is moved past them. */
    public Pause pause() {
        return duration -> {
            if (duration.isZero() || duration.isNegative()) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().emitter(emitter -> {
                synchronized (this) {
                    pauses.add(duration);
                    waiting.add(new Waiting(now.plus(duration), emitter));
                }
            });
        };
    }

    /** Every pause asked for so far, in order. */
    public synchronized List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    /** How many pauses have not ended yet. */
    public synchronized int pending() {
        return waiting.size();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
