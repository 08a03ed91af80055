package io.tokenbroker.testsupport;

import java.time.Clock;

/** The clock a stand-in runs on. */
public enum TimeSource {
    /** The clock the broker under test runs on in a {@code @QuarkusTest} ({@link MutableClock}): tests move it. */
    TEST_CLOCK,
    /** Real time: for a packaged broker (its own process, on real time), and where a library counts real time. */
    SYSTEM;

    public Clock clock() {
        return this == SYSTEM ? Clock.systemUTC() : MutableClock.INSTANCE;
    }
}
