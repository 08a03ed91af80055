package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.UpstreamBudget;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.testsupport.ManualClock;
import io.tokenbroker.testsupport.TestConfig;

/**
 * One caller must not cost the others their tokens (issue 28): requests that start no upstream fetch evict
 * nothing, the pinned scope sets (default, token file) stay, and refreshes are not starved by callers asking
 * for new scope sets. Everything is counted on the test's clock: upstream requests per scope set, refused
 * answers, postponed refreshes.
 */
class CallerIsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ScopeSet REJECTED = ScopePolicy.parse("refused");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final Map<ScopeSet, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Duration lifetime = Duration.ofHours(1);
    private Duration defaultLifetime = Duration.ofHours(1);
    private ScopeSet defaults = ScopePolicy.parse("s0");

    private TokenCache cache(int maxScopeSets, int budgetPerMinute) {
        TokenCache cache = new TokenCache(scopes -> Uni.createFrom().item(() -> {
            int n = requests.computeIfAbsent(scopes, s -> new AtomicInteger()).incrementAndGet();
            if (scopes.equals(REJECTED)) {
                throw new UpstreamRejectedException("invalid_scope", "refused: invalid_scope");
            }
            Instant now = clock.instant();
            Duration life = scopes.equals(defaults) ? defaultLifetime : lifetime;
            return new IssuedToken(scopes + "-" + n, IssuedToken.BEARER, now, now.plus(life), scopes.asString(), scopes);
        }), clock, TestConfig.broker(Map.of("broker.token.max-scope-sets", Integer.toString(maxScopeSets),
                "broker.token.refresh-jitter", "0")),
                new CacheMetrics(registry), new UpstreamBudget(clock, budgetPerMinute));
        cache.pin(defaults);
        return cache;
    }

    private int requests(ScopeSet scopes) {
        AtomicInteger count = requests.get(scopes);
        return count == null ? 0 : count.get();
    }

    private int allRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** @return true when served, false when refused */
    private static boolean ask(TokenCache cache, ScopeSet scopes) {
        try {
            cache.get(scopes).await().atMost(WAIT);
            return true;
        } catch (BrokerException refused) {
            return false;
        }
    }

    private static ScopeSet set(String scopes) {
        return ScopePolicy.parse(scopes);
    }

    @Test
    void requestsRefusedByTheBudgetEvictNoCachedToken() {
        TokenCache cache = cache(4, 5); // 4 permits a minute for new scope sets, 1 held back
        List<ScopeSet> cached = List.of(set("a"), set("b"), set("c"), set("d"));
        cached.forEach(s -> assertThat(ask(cache, s)).isTrue());

        int refused = 0;
        for (String other : List.of("e", "f", "g", "h", "i", "j", "k", "l")) {
            refused += ask(cache, set(other)) ? 0 : 1;
        }

        assertThat(refused).isEqualTo(8);
        assertThat(cached).allSatisfy(s -> assertThat(cache.cached(s)).as("%s still cached", s).isNotNull());
        assertThat(allRequests()).isEqualTo(4);
    }

    @Test
    void aRememberedRefusalEvictsNothingAndAnEmptySlotGoesBeforeAToken() {
        TokenCache cache = cache(2, 1000);
        assertThat(ask(cache, set("a"))).isTrue();
        assertThat(ask(cache, REJECTED)).isFalse(); // a fetch that started: it had a slot, now empty
        assertThat(ask(cache, set("b"))).isTrue(); // room is made by dropping the empty slot, not a's token

        for (int i = 0; i < 5; i++) {
            assertThat(ask(cache, REJECTED)).isFalse(); // answered from memory
        }

        assertThat(cache.cached(set("a"))).isNotNull();
        assertThat(cache.cached(set("b"))).isNotNull();
        assertThat(requests(REJECTED)).isEqualTo(1);
        assertThat(allRequests()).isEqualTo(3);
    }

    @Test
    void thePinnedScopeSetIsNeverEvicted() {
        TokenCache cache = cache(2, 1000);
        assertThat(ask(cache, defaults)).isTrue();
        for (String other : List.of("a", "b", "c", "d", "e")) {
            assertThat(ask(cache, set(other))).isTrue();
            clock.advance(Duration.ofSeconds(1)); // the default scope set is the least recently used
        }
        assertThat(cache.cached(defaults)).isNotNull();
        assertThat(requests(defaults)).isEqualTo(1);
    }

    /**
     * The review's attack, on a manual clock: a 7-scope allowlist (127 scope sets), the default 64 cached and
     * 60 requests a minute, four callers cycling through the subsets four requests a second for 20 minutes
     * while the pod keeps asking for the default scopes, whose 10-minute tokens need refreshing meanwhile.
     */
    @Test
    void callersCyclingThroughScopeSetsNeverCostThePodItsDefaultTokenNorStarveItsRefreshes() {
        defaultLifetime = Duration.ofMinutes(10); // served for 9 minutes, refreshed after 80% of them
        TokenCache cache = cache(64, 60);
        List<ScopeSet> subsets = subsetsOf(7);
        assertThat(subsets).hasSize(127);
        assertThat(ask(cache, defaults)).isTrue();

        int churned = 0;
        int refusedChurn = 0;
        int defaultAnswers = 0;
        for (int second = 0; second < 20 * 60; second++) {
            for (int caller = 0; caller < 4; caller++) {
                refusedChurn += ask(cache, subsets.get(churned++ % subsets.size())) ? 0 : 1;
            }
            ServedToken served = cache.get(defaults).await().atMost(WAIT); // throws if refused
            assertThat(served.source()).isEqualTo(ServedToken.Source.CACHE);
            defaultAnswers++;
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(defaultAnswers).isEqualTo(1200);
        assertThat(refusedChurn).isPositive(); // the churn did spend the budget
        // a token at start, then one refresh every 432 s (80% of the 540 s it is served)
        assertThat(requests(defaults)).isEqualTo(3);
        assertThat(registry.find("broker.token.refreshes").tag("outcome", "postponed").counter()).isNull();
        assertThat(registry.get("broker.token.refreshes").tag("outcome", "success").counter().count()).isEqualTo(2);
        // the budget held: 60 a minute at most, over 20 minutes and the first request
        assertThat(allRequests()).isLessThanOrEqualTo(20 * 60 + 1);
    }

    /** Every non-empty subset of {@code s0 … s(n-1)}. */
    private static List<ScopeSet> subsetsOf(int n) {
        List<ScopeSet> sets = new ArrayList<>();
        for (int mask = 1; mask < (1 << n); mask++) {
            List<String> scopes = new ArrayList<>();
            for (int bit = 0; bit < n; bit++) {
                if ((mask & (1 << bit)) != 0) {
                    scopes.add("s" + bit);
                }
            }
            sets.add(ScopeSet.of(scopes));
        }
        return sets;
    }
}
