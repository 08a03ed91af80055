package io.tokenbroker.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.TimerPause;

/**
 * In the application tests every pause is recorded, so a test can count the broker's waits. It waits
 * as in production: the shared {@link MutableClock} runs at the pace of real time, so a pause ends
 * when that clock has moved by it. (Ending it at once by moving the clock would make the retry loops
 * that run until success, such as reading a key while Vault is down, spin.)
 */
@Singleton
@Alternative
@Priority(1)
public class RecordingPause extends TimerPause {

    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> of(Duration duration) {
        if (!duration.isZero() && !duration.isNegative()) {
            pauses.add(duration);
        }
        return super.of(duration);
    }

    public List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    public void clear() {
        pauses.clear();
    }
}
