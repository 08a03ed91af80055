package io.tokenbroker.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time plus an offset that tests move forward, never back (the broker's cache, shared by the
 * test classes of one profile, must never see time reversed). Shared by the broker (through
 * {@link TestClockProducer}) and the stand-ins, so both agree on "now".
 */
public final class MutableClock extends Clock {

    public static final MutableClock INSTANCE = new MutableClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private MutableClock() {
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
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
