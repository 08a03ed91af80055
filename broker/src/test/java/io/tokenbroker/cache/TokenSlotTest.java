package io.tokenbroker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopePolicy;

/** The single flight on its own, without an application: upstream calls are counted, never timed. */
class TokenSlotTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    private final TokenSlot slot = new TokenSlot();
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final List<UniEmitter<? super CachedToken>> pending = new ArrayList<>();

    /** An upstream request that stays open until the test completes it. */
    private Uni<CachedToken> heldUpstream() {
        upstreamCalls.incrementAndGet();
        return Uni.createFrom().emitter(pending::add);
    }

    private static CachedToken token(String value) {
        IssuedToken issued = new IssuedToken(value, IssuedToken.BEARER, NOW, NOW.plusSeconds(3600), "tokens.read",
                ScopePolicy.parse("tokens.read"));
        return new CachedToken(issued, NOW.plusSeconds(2800));
    }

    @Test
    void concurrentCallersShareOneUpstreamRequestAndAllSeeItsToken() {
        List<Uni<CachedToken>> callers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            callers.add(slot.fetch(this::heldUpstream));
        }
        assertThat(upstreamCalls).hasValue(1);
        assertThat(slot.fetching()).isTrue();

        CachedToken fresh = token("t1");
        pending.get(0).complete(fresh);

        assertThat(callers).allSatisfy(caller -> assertThat(caller.await().atMost(Duration.ofSeconds(5))).isSameAs(fresh));
        assertThat(slot.fetching()).isFalse();
    }

    @Test
    void aFinishedRequestIsNotJoinedByTheNextFetch() {
        Uni<CachedToken> first = slot.fetch(this::heldUpstream);
        pending.get(0).complete(token("t1"));
        first.await().atMost(Duration.ofSeconds(5));

        Uni<CachedToken> second = slot.fetch(this::heldUpstream);
        assertThat(upstreamCalls).hasValue(2);
        pending.get(1).complete(token("t2"));
        assertThat(second.await().atMost(Duration.ofSeconds(5)).token().accessToken()).isEqualTo("t2");
    }

    @Test
    void theOutcomeIsPublishedBeforeTheSlotStopsBeingInFlight() {
        AtomicInteger sawPublished = new AtomicInteger();
        Uni<CachedToken> fetch = slot.fetch(() -> heldUpstream().invoke(slot::succeeded));
        // a caller arriving at any moment sees either the request in flight or its token, never neither
        fetch.subscribe().with(t -> {
            if (!slot.fetching() && slot.token() != null) {
                sawPublished.incrementAndGet();
            }
        });
        pending.get(0).complete(token("t1"));
        assertThat(slot.token().token().accessToken()).isEqualTo("t1");
        assertThat(slot.fetching()).isFalse();
        assertThat(sawPublished).hasValue(1);
    }

    @Test
    void aFailureReachesEveryWaitingCallerAndTheNextFetchTriesAgain() {
        Uni<CachedToken> a = slot.fetch(this::heldUpstream);
        Uni<CachedToken> b = slot.fetch(this::heldUpstream);
        pending.get(0).fail(new TemporarilyUnavailableException("down", Duration.ofSeconds(1)));

        assertThatThrownBy(() -> a.await().atMost(Duration.ofSeconds(5))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThatThrownBy(() -> b.await().atMost(Duration.ofSeconds(5))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(upstreamCalls).hasValue(1);
        assertThat(slot.fetching()).isFalse();

        slot.fetch(this::heldUpstream);
        assertThat(upstreamCalls).hasValue(2);
    }
}
