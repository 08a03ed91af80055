package io.tokenbroker.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Pause;

/** In tests a pause moves the shared clock forward at once and is recorded, instead of sleeping. */
@Singleton
@Alternative
@Priority(1)
public class RecordingPause implements Pause {

    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> of(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return Uni.createFrom().voidItem();
        }
        pauses.add(duration);
        MutableClock.INSTANCE.advance(duration);
        return Uni.createFrom().voidItem();
    }

    public List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    public void clear() {
        pauses.clear();
    }
}
