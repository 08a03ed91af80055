package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Backoff;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.UpstreamBudget;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.testsupport.ManualClock;
import io.tokenbroker.testsupport.TestConfig;

/** The prefetch without an application: its retries, counted on the test's clock, each reach the upstream. */
class PrefetcherTest {

    private static final ScopeSet DEFAULTS = ScopePolicy.parse("tokens.read");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final AtomicInteger upstreamRequests = new AtomicInteger();

    @Test
    void aFailedPrefetchIsRetriedOnTheFailedFetchBackoffNeverBeforeTheCacheWouldAskUpstreamAgain() {
        TokenCache cache = new TokenCache(scopes -> Uni.createFrom().item(() -> {
            if (upstreamRequests.incrementAndGet() <= 4) {
                throw new UpstreamUnavailableException("HTTP 503", Duration.ofSeconds(1), null);
            }
            return new IssuedToken("t1", IssuedToken.BEARER, clock.instant(), clock.instant().plusSeconds(3600),
                    scopes.asString(), scopes);
        }), clock, TestConfig.broker(Map.of()), new CacheMetrics(new SimpleMeterRegistry()), new UpstreamBudget(clock, 1000));
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Backoff.Jitter.EQUAL, new Random(3));
        Prefetcher prefetcher = new Prefetcher(cache, DEFAULTS, true, backoff, clock.pause());

        prefetcher.onKeyLoaded(new KeyManager.KeyLoaded("kid"));
        for (int failed = 1; failed <= 4; failed++) {
            assertThat(prefetcher.satisfied()).isFalse();
            assertThat(upstreamRequests).hasValue(failed);
            assertThat(clock.pending()).isEqualTo(1);
            clock.advance(clock.pauses().get(failed - 1));
        }

        assertThat(prefetcher.satisfied()).isTrue();
        assertThat(upstreamRequests).hasValue(5); // every retry reached the upstream: none was answered from memory
        assertThat(clock.pauses()).hasSize(4).allSatisfy(pause -> assertThat(pause).isLessThanOrEqualTo(Duration.ofSeconds(8)));
        assertThat(clock.pending()).isZero();
    }
}
