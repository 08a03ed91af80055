package io.tokenbroker.clock;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** Waits without blocking a thread; tests replace it to move the clock instead of sleeping. */
public interface Pause {

    Uni<Void> of(Duration duration);
}
