package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.UpstreamBudget;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.testsupport.ManualClock;
import io.tokenbroker.testsupport.TestConfig;

/**
 * Callers rotating through more scope sets than the cache holds (8 allowed scopes, 80 scope sets,
 * max-scope-sets 64): the upstream budget bounds what they cost, cached tokens are still served, and a
 * refusal is remembered even after its slot was dropped.
 */
class ScopeChurnTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final AtomicInteger upstreamRequests = new AtomicInteger();

    private TokenCache cache(int budgetPerMinute, boolean reject) {
        return new TokenCache(scopes -> Uni.createFrom().item(() -> {
            upstreamRequests.incrementAndGet();
            if (reject) {
                throw new UpstreamRejectedException("invalid_scope", "the authorization server refused the token request: invalid_scope");
            }
            Instant now = clock.instant();
            return new IssuedToken("token-" + upstreamRequests.get(), "Bearer", now, now.plusSeconds(3600), scopes.asString(), scopes);
        }), clock, TestConfig.broker(Map.of()), new CacheMetrics(new SimpleMeterRegistry()), new UpstreamBudget(clock, budgetPerMinute));
    }

    /** 80 distinct scope sets of 8 scopes: the singles, the pairs and 44 triples. */
    private static List<ScopeSet> eightyScopeSets() {
        List<ScopeSet> sets = new ArrayList<>();
        for (int size = 1; sets.size() < 80; size++) {
            combinations(8, size, 0, new ArrayList<>(), sets);
        }
        return sets.subList(0, 80);
    }

    private static void combinations(int n, int size, int from, List<String> current, List<ScopeSet> out) {
        if (current.size() == size) {
            out.add(ScopeSet.of(current));
            return;
        }
        for (int i = from; i < n; i++) {
            current.add("scope." + i);
            combinations(n, size, i + 1, current, out);
            current.remove(current.size() - 1);
        }
    }

    private record Outcome(int served, int unavailable, List<Duration> retryAfters) {
    }

    private static Outcome twoRounds(TokenCache cache, List<ScopeSet> sets) {
        int served = 0;
        int unavailable = 0;
        List<Duration> retryAfters = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (ScopeSet set : sets) {
                try {
                    cache.get(set).await().atMost(Duration.ofSeconds(5));
                    served++;
                } catch (TemporarilyUnavailableException e) {
                    unavailable++;
                    retryAfters.add(e.retryAfter().orElseThrow());
                } catch (UpstreamRejectedException e) {
                    // remembered or fresh: counted by the upstream counter
                }
            }
        }
        return new Outcome(served, unavailable, retryAfters);
    }

    @Test
    void theUpstreamBudgetBoundsScopeChurnAndCachedTokensAreStillServed() {
        TokenCache cache = cache(60, false);
        List<ScopeSet> sets = eightyScopeSets();
        Outcome outcome = twoRounds(cache, sets);

        // a quarter of the budget is held back for refreshes: new scope sets get the other 45
        assertThat(upstreamRequests.get()).isEqualTo(45);
        assertThat(outcome.served() + outcome.unavailable()).isEqualTo(160);
        assertThat(outcome.retryAfters()).isNotEmpty().allSatisfy(retryAfter ->
                assertThat(retryAfter).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));

        clock.advance(Duration.ofMinutes(1));
        cache.get(sets.get(79)).await().atMost(Duration.ofSeconds(5));
        assertThat(upstreamRequests.get()).isEqualTo(46);
    }

    @Test
    void aSpentBudgetStillServesCachedTokens() {
        TokenCache cache = cache(2, false);
        ScopeSet a = ScopeSet.of(List.of("a"));
        cache.get(a).await().atMost(Duration.ofSeconds(5));
        cache.get(ScopeSet.of(List.of("b"))).await().atMost(Duration.ofSeconds(5));
        TemporarilyUnavailableException spent = catchThrowableOfType(
                () -> cache.get(ScopeSet.of(List.of("c"))).await().atMost(Duration.ofSeconds(5)), TemporarilyUnavailableException.class);
        assertThat(spent.retryAfter()).contains(Duration.ofMinutes(1));
        assertThat(cache.get(a).await().atMost(Duration.ofSeconds(5)).source()).isEqualTo(ServedToken.Source.CACHE);
        assertThat(upstreamRequests.get()).isEqualTo(2);
    }

    @Test
    void aRefusalIsRememberedAfterItsSlotWasDropped() {
        TokenCache cache = cache(1000, true);
        twoRounds(cache, eightyScopeSets());
        // one request per scope set: the second round finds every refusal remembered, evicted slots included
        assertThat(upstreamRequests.get()).isEqualTo(80);
    }
}
