package io.tokenbroker.cache;

import java.time.Duration;
import java.time.Instant;

import io.tokenbroker.okta.IssuedToken;

/**
 * When a cached token may be handed out and when it should be refreshed.
 *
 * <p>A token is served only while at least the effective minimum validity is left, where the
 * effective minimum is {@code broker.token.min-validity} capped at half the token's lifetime (so a
 * token issued with a lifetime shorter than min-validity is still usable for its first half, and no
 * caller spins). A background refresh is due after {@code refresh-ratio} of the usable window
 * (issue time to the moment the token stops being served).
 */
record Freshness(Duration minValidity, double refreshRatio) {

    Duration effectiveMinValidity(IssuedToken token) {
        // in millis: Duration.dividedBy goes through BigDecimal, which showed in the hot path's profile
        Duration half = Duration.ofMillis(token.lifetime().toMillis() / 2);
        return minValidity.compareTo(half) > 0 ? half : minValidity;
    }

    Instant servableUntil(IssuedToken token) {
        return token.expiresAt().minus(effectiveMinValidity(token));
    }

    boolean servable(IssuedToken token, Instant now) {
        return !now.isAfter(servableUntil(token));
    }

    Instant refreshAt(IssuedToken token) {
        return refreshAt(token, 0);
    }

    /**
     * @param jitter relative change of the ratio, e.g. 0.05 for 5% later; the result stays within the
     *        usable window
     */
    Instant refreshAt(IssuedToken token, double jitter) {
        long usableMillis = Duration.between(token.issuedAt(), servableUntil(token)).toMillis();
        double ratio = Math.min(0.99, Math.max(0, refreshRatio * (1 + jitter)));
        return token.issuedAt().plusMillis((long) (usableMillis * ratio));
    }
}
