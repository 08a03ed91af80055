package io.tokenbroker.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

class UpstreamLimiterTest {

    private static UpstreamLimiter limiter(int max) {
        return new UpstreamLimiter(max);
    }

    @Test
    void atMostMaxRunAtOnceAndTheOthersRunAsSlotsFree() {
        UpstreamLimiter limiter = limiter(2);
        AtomicInteger started = new AtomicInteger();
        List<io.smallrye.mutiny.subscription.UniEmitter<? super String>> running = new ArrayList<>();
        List<UniAssertSubscriber<String>> callers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            callers.add(limiter.run(() -> Uni.createFrom().<String> emitter(e -> {
                started.incrementAndGet();
                running.add(e);
            })).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        assertThat(started).hasValue(2);
        running.get(0).complete("a");
        assertThat(started).hasValue(3);
        running.get(1).fail(new IllegalStateException("boom"));
        assertThat(started).hasValue(4);
        callers.get(4).cancel(); // a waiter that leaves gives its turn away
        running.get(2).complete("c");
        running.get(3).complete("d");
        assertThat(started).hasValue(4);
        assertThat(limiter.inUse()).isZero();
        callers.get(0).assertItem("a");
        callers.get(1).assertFailedWith(IllegalStateException.class);
    }
}
