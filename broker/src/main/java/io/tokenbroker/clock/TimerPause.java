package io.tokenbroker.clock;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** {@link Pause} on Mutiny's timer. */
@Singleton
@DefaultBean
public class TimerPause implements Pause {

    @Override
    public Uni<Void> of(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(duration);
    }
}
