package io.tokenbroker.okta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;

/**
 * Honours the authorization server's rate-limit headers for all token requests: no request before
 * the instant a 429's {@code Retry-After} / {@code X-Rate-Limit-Reset} names, and when
 * {@code X-Rate-Limit-Remaining} falls to the reserve, the remaining requests are spread evenly until
 * the reset.
 */
@ApplicationScoped
public class RateLimitGate {

    private static final Logger LOG = Logger.getLogger(RateLimitGate.class);

    private final Clock clock;
    private final int reserve;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.EPOCH);

    @jakarta.inject.Inject
    RateLimitGate(Clock clock, BrokerConfig config) {
        this(clock, config.okta().rateLimitReserve());
    }

    RateLimitGate(Clock clock, int reserve) {
        this.clock = clock;
        this.reserve = reserve;
    }

    /** How long until the next request may be sent (zero when open). */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), closedUntil.get());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Reads the rate-limit headers of one token endpoint answer. */
    void observe(int status, UnaryOperator<String> header) {
        Instant now = clock.instant();
        Long reset = TokenAnswers.seconds(header.apply("X-Rate-Limit-Reset"));
        if (status == 429) {
            Long retryAfter = TokenAnswers.seconds(header.apply("Retry-After"));
            Instant until = retryAfter != null ? now.plusSeconds(retryAfter)
                    : reset != null ? Instant.ofEpochSecond(reset) : now.plus(TokenAnswers.DEFAULT_RETRY_AFTER);
            close(until, "rate limited (429)");
            return;
        }
        Long remaining = TokenAnswers.seconds(header.apply("X-Rate-Limit-Remaining"));
        if (remaining != null && reset != null && remaining <= reserve) {
            Duration window = Duration.between(now, Instant.ofEpochSecond(reset));
            if (!window.isNegative()) {
                close(now.plus(window.dividedBy(remaining + 1)), "X-Rate-Limit-Remaining=" + remaining);
            }
        }
    }

    /** Never beyond an hour ahead: a reset of 999999999999 would otherwise pause requests until the year 33658. */
    private void close(Instant until, String reason) {
        Instant latest = clock.instant().plus(TemporarilyUnavailableException.MAX_RETRY_AFTER);
        Instant bounded = until.isAfter(latest) ? latest : until;
        Instant result = closedUntil.accumulateAndGet(bounded, (a, b) -> a.isAfter(b) ? a : b);
        LOG.infof("token requests paused until %s: %s", result, reason);
    }
}
