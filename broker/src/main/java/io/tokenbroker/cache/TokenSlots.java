package io.tokenbroker.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.tokenbroker.scope.ScopeSet;

/**
 * The cache's slots by scope set, at most {@code broker.token.max-scope-sets} of them (pinned scope sets
 * aside). Looking a scope set up never makes a slot: {@link TokenCache} makes one only when a fetch for it
 * starts, so a refused request (allowlist, budget, remembered failure) never costs another caller its
 * token. To make room, a slot with nothing servable goes before one with a token, the least recently used
 * first; a pinned scope set (the default and token file scopes, which the pod depends on) or a slot with a
 * fetch under way never goes.
 */
final class TokenSlots {

    private static final Logger LOG = Logger.getLogger(TokenSlots.class);

    private final int max;
    private final Clock clock;
    private final Freshness freshness;
    private final CacheMetrics metrics;
    private final ConcurrentMap<ScopeSet, TokenSlot> slots = new ConcurrentHashMap<>();
    private final Set<ScopeSet> pinned = ConcurrentHashMap.newKeySet();
    private final AtomicLong ticks = new AtomicLong();

    TokenSlots(int max, Clock clock, Freshness freshness, CacheMetrics metrics) {
        this.max = max;
        this.clock = clock;
        this.freshness = freshness;
        this.metrics = metrics;
    }

    void pin(ScopeSet scopes) {
        pinned.add(scopes);
    }

    boolean pinned(ScopeSet scopes) {
        return pinned.contains(scopes);
    }

    /** The slot of {@code scopes}, marked as used; null when there is none (nothing is made). */
    TokenSlot find(ScopeSet scopes) {
        TokenSlot slot = slots.get(scopes);
        if (slot != null) {
            slot.touch(ticks.incrementAndGet());
        }
        return slot;
    }

    /** The slot of {@code scopes} without marking it used: for readers that are not callers (health, sink). */
    TokenSlot peek(ScopeSet scopes) {
        return slots.get(scopes);
    }

    /** The slot of {@code scopes}, made (and room made for it) when there is none: only for a fetch that starts. */
    TokenSlot create(ScopeSet scopes) {
        TokenSlot slot = find(scopes);
        if (slot != null) {
            return slot;
        }
        evictBeyond(max - 1);
        slot = slots.computeIfAbsent(scopes, s -> {
            TokenSlot created = new TokenSlot();
            metrics.track(s, () -> remainingSeconds(created));
            return created;
        });
        slot.touch(ticks.incrementAndGet());
        return slot;
    }

    boolean anyFetching() {
        return slots.values().stream().anyMatch(TokenSlot::fetching);
    }

    int size() {
        return slots.size();
    }

    private double remainingSeconds(TokenSlot slot) {
        CachedToken cached = slot.token();
        return cached == null ? 0 : Math.max(0, Duration.between(clock.instant(), cached.token().expiresAt()).toSeconds());
    }

    private boolean servable(TokenSlot slot) {
        CachedToken cached = slot.token();
        return cached != null && freshness.servable(cached.token(), clock.instant());
    }

    /** Drops evictable slots, emptiest and least recently used first, until at most {@code limit} remain. */
    private void evictBeyond(int limit) {
        Comparator<Map.Entry<ScopeSet, TokenSlot>> order = Comparator
                .<Map.Entry<ScopeSet, TokenSlot>> comparingInt(e -> servable(e.getValue()) ? 1 : 0)
                .thenComparingLong(e -> e.getValue().lastUsed());
        while (slots.size() > limit) {
            var victim = slots.entrySet().stream()
                    .filter(e -> !e.getValue().fetching() && !pinned.contains(e.getKey()))
                    .min(order);
            if (victim.isEmpty() || !slots.remove(victim.get().getKey(), victim.get().getValue())) {
                return;
            }
            metrics.untrack(victim.get().getKey());
            LOG.debugf("scope set \"%s\" dropped from the cache (broker.token.max-scope-sets)", victim.get().getKey());
        }
    }
}
