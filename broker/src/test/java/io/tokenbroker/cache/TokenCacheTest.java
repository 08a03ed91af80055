package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.UpstreamBudget;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.testsupport.ManualClock;
import io.tokenbroker.testsupport.TestConfig;

/**
 * The cache without an application, over an upstream that answers from a script: what it serves, and
 * how long it remembers a failed fetch. Upstream requests are counted; time moves by the test's hand.
 */
class TokenCacheTest {

    private static final ScopeSet SCOPES = ScopePolicy.parse("tokens.read");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final Deque<Supplier<IssuedToken>> script = new ArrayDeque<>();
    private final AtomicInteger upstreamRequests = new AtomicInteger();

    private TokenCache cache(Map<String, String> keys) {
        return new TokenCache(scopes -> Uni.createFrom().item(() -> {
            upstreamRequests.incrementAndGet();
            return script.remove().get();
        }), clock, TestConfig.broker(keys), new CacheMetrics(new SimpleMeterRegistry()), new UpstreamBudget(clock, 1000));
    }

    private void answerToken(String value) {
        script.add(() -> new IssuedToken(value, IssuedToken.BEARER, clock.instant(), clock.instant().plusSeconds(3600),
                SCOPES.asString(), SCOPES));
    }

    private void answerFailure(RuntimeException failure) {
        script.add(() -> {
            throw failure;
        });
    }

    private static <E extends BrokerException> E failure(TokenCache cache, Class<E> type) {
        return catchThrowableOfType(() -> cache.get(SCOPES).await().atMost(WAIT), type);
    }

    private static Duration retryAfter(TokenCache cache) {
        return failure(cache, TemporarilyUnavailableException.class).retryAfter().orElseThrow();
    }

    @Test
    void aTransientFailureIsAnsweredFromMemoryUntilItsBackoffHasPassed() {
        TokenCache cache = cache(Map.of());
        answerFailure(new IllegalStateException("connection reset"));

        Duration first = retryAfter(cache);
        assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        clock.advance(first.dividedBy(2));
        assertThat(retryAfter(cache)).isEqualTo(first.minus(first.dividedBy(2))); // counts down to the next attempt
        assertThat(upstreamRequests).hasValue(1);

        clock.advance(first.minus(first.dividedBy(2)));
        answerFailure(new IllegalStateException("connection reset"));
        assertThat(retryAfter(cache)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(upstreamRequests).hasValue(2);
    }

    @Test
    void theFailureBackoffDoublesWithEqualJitterUpToMaxFailureBackoff() {
        TokenCache cache = cache(Map.of("broker.retry.max-failure-backoff", "4s"));
        long[] ceilings = { 1000, 2000, 4000, 4000, 4000 };
        for (long ceiling : ceilings) {
            answerFailure(new UpstreamUnavailableException("HTTP 503", Duration.ZERO, null));
            Duration wait = retryAfter(cache);
            assertThat(wait.toMillis()).isBetween(ceiling / 2, ceiling);
            clock.advance(wait);
        }
        assertThat(upstreamRequests).hasValue(ceilings.length);
    }

    @Test
    void theServersHintHoldsTheFailureWhenItIsLongerThanTheBackoff() {
        TokenCache cache = cache(Map.of());
        answerFailure(new UpstreamUnavailableException("HTTP 429", Duration.ofSeconds(30), null));
        assertThat(retryAfter(cache)).isEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        assertThat(retryAfter(cache)).isEqualTo(Duration.ofSeconds(1));
        assertThat(upstreamRequests).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        answerToken("t1");
        assertThat(cache.get(SCOPES).await().atMost(WAIT).token().accessToken()).isEqualTo("t1");
        assertThat(upstreamRequests).hasValue(2);
    }

    @Test
    void aRejectionIsRememberedForTheRejectionMemory() {
        TokenCache cache = cache(Map.of("broker.token.rejection-memory", "30s"));
        answerFailure(new UpstreamRejectedException("invalid_client", "refused: invalid_client"));
        failure(cache, UpstreamRejectedException.class);

        clock.advance(Duration.ofSeconds(29));
        assertThat(failure(cache, UpstreamRejectedException.class).upstreamError()).isEqualTo("invalid_client");
        assertThat(upstreamRequests).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        answerToken("t1");
        cache.get(SCOPES).await().atMost(WAIT);
        assertThat(upstreamRequests).hasValue(2);
    }

    @Test
    void aFailureAfterAQuietSpellLongerThanTheLongestBackoffStartsTheBackoffOver() {
        TokenCache cache = cache(Map.of("broker.retry.max-failure-backoff", "8s"));
        for (int i = 0; i < 5; i++) {
            answerFailure(new IllegalStateException("down"));
            clock.advance(retryAfter(cache));
        }
        answerFailure(new IllegalStateException("down"));
        assertThat(retryAfter(cache)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8)); // still consecutive

        clock.advance(Duration.ofHours(2)); // nobody asked meanwhile
        answerFailure(new IllegalStateException("down"));
        assertThat(retryAfter(cache)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(upstreamRequests).hasValue(7);
    }

    @Test
    void aSuccessForgetsTheFailuresSoTheNextFailureStartsFromTheFirstBackoff() {
        TokenCache cache = cache(Map.of());
        for (int i = 0; i < 4; i++) {
            answerFailure(new IllegalStateException("down"));
            clock.advance(retryAfter(cache));
        }
        answerToken("t1");
        cache.get(SCOPES).await().atMost(WAIT);

        clock.advance(Duration.ofHours(1)); // the token is no longer servable
        answerFailure(new IllegalStateException("down"));
        assertThat(retryAfter(cache)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(upstreamRequests).hasValue(6);
    }

    @Test
    void whileARefreshFailsTheCachedTokenIsStillServedAndTheRefreshWaitsForTheBackoff() {
        TokenCache cache = cache(Map.of("broker.token.refresh-jitter", "0")); // refresh due after 2832 s
        answerToken("t1");
        cache.get(SCOPES).await().atMost(WAIT);

        clock.advance(Duration.ofMinutes(50)); // past the refresh point, still servable
        answerFailure(new IllegalStateException("down"));
        assertThat(cache.get(SCOPES).await().atMost(WAIT).source()).isEqualTo(ServedToken.Source.CACHE);
        assertThat(upstreamRequests).hasValue(2); // the background refresh, which failed
        for (int i = 0; i < 10; i++) {
            assertThat(cache.get(SCOPES).await().atMost(WAIT).token().accessToken()).isEqualTo("t1");
        }
        assertThat(upstreamRequests).hasValue(2); // remembered: no refresh per caller

        clock.advance(Duration.ofSeconds(1));
        answerToken("t2");
        cache.get(SCOPES).await().atMost(WAIT);
        assertThat(upstreamRequests).hasValue(3);
        assertThat(cache.get(SCOPES).await().atMost(WAIT).token().accessToken()).isEqualTo("t2");
    }

    /** The route's synchronous path: nothing without a servable token, the token and a due refresh otherwise. */
    @Test
    void cachedAnswersOnlyAServableTokenAndStartsADueRefresh() {
        TokenCache cache = cache(Map.of("broker.token.refresh-jitter", "0"));
        assertThat(cache.cached(SCOPES)).isNull();
        assertThat(upstreamRequests).hasValue(0); // it never fetches

        answerToken("t1");
        cache.get(SCOPES).await().atMost(WAIT);
        ServedToken ready = cache.cached(SCOPES);
        assertThat(ready.token().accessToken()).isEqualTo("t1");
        assertThat(ready.source()).isEqualTo(ServedToken.Source.CACHE);
        assertThat(upstreamRequests).hasValue(1);

        clock.advance(Duration.ofMinutes(50)); // past the refresh point, still servable
        answerToken("t2");
        assertThat(cache.cached(SCOPES).token().accessToken()).isEqualTo("t1");
        assertThat(upstreamRequests).hasValue(2); // the background refresh
        assertThat(cache.cached(SCOPES).token().accessToken()).isEqualTo("t2");

        clock.advance(Duration.ofHours(2)); // t2 expired
        assertThat(cache.cached(SCOPES)).isNull();
        assertThat(upstreamRequests).hasValue(2);
    }

    @Test
    void fetchingHoldsOnlyWhileAnUpstreamRequestIsUnderWay() {
        CompletableFuture<IssuedToken> answer = new CompletableFuture<>();
        TokenCache cache = new TokenCache(scopes -> Uni.createFrom().completionStage(answer), clock,
                TestConfig.broker(Map.of()), new CacheMetrics(new SimpleMeterRegistry()), new UpstreamBudget(clock, 1000));
        assertThat(cache.fetching()).isFalse();

        CompletableFuture<ServedToken> served = cache.get(SCOPES).subscribeAsCompletionStage();
        assertThat(cache.fetching()).isTrue();

        answer.complete(new IssuedToken("t1", IssuedToken.BEARER, clock.instant(), clock.instant().plusSeconds(3600),
                SCOPES.asString(), SCOPES));
        assertThat(served.join().token().accessToken()).isEqualTo("t1");
        assertThat(cache.fetching()).isFalse();
    }
}
