package io.tokenbroker.emulator;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Okta's rate limits as a client sees them: each endpoint (here: each token path) has its own budget of
 * requests per minute, every answer carries {@code X-Rate-Limit-Limit}, {@code -Remaining} and {@code -Reset}
 * (epoch seconds of the window's end), and a request past the budget is refused with 429 E0000047 until then.
 * Windows follow the emulator's clock.
 */
final class RateLimits {

    static final int DEFAULT_PER_MINUTE = 600;

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile int perMinute = DEFAULT_PER_MINUTE;

    RateLimits(Clock clock) {
        this.clock = clock;
    }

    void perMinute(int limit) {
        this.perMinute = limit;
    }

    void reset() {
        windows.clear();
        perMinute = DEFAULT_PER_MINUTE;
    }

    /** Counts one request to {@code path}: its headers, and whether it is past the budget. */
    Taken take(String path) {
        long minute = clock.instant().getEpochSecond() / 60;
        Window window = windows.compute(path, (key, old) -> old == null || old.minute() != minute ? new Window(minute, new AtomicInteger()) : old);
        int limit = perMinute;
        int used = window.used().incrementAndGet();
        Map<String, String> headers = Map.of("X-Rate-Limit-Limit", String.valueOf(limit),
                "X-Rate-Limit-Remaining", String.valueOf(Math.max(0, limit - used)),
                "X-Rate-Limit-Reset", String.valueOf((minute + 1) * 60));
        return new Taken(headers, used > limit);
    }

    record Taken(Map<String, String> headers, boolean exceeded) {
    }

    private record Window(long minute, AtomicInteger used) {
    }
}
