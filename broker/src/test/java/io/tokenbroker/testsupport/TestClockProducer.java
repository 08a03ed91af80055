package io.tokenbroker.testsupport;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** In tests the broker's clock is {@link MutableClock#INSTANCE}. */
public class TestClockProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock clock() {
        return MutableClock.INSTANCE;
    }
}
