package io.tokenbroker.okta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;

/**
 * Honours the authorization server's rate-limit headers for all token requests: no request before
 * the instant a 429's {@code Retry-After} / {@code X-Rate-Limit-Reset} names, and when
 * {@code X-Rate-Limit-Remaining} falls to the reserve, the remaining requests are spread evenly until
 * the reset. {@link OktaTokenClient} both passes through it before each request and shows it each
 * answer; nothing else reads or writes it.
 */
@ApplicationScoped
public class RateLimitGate {

    private static final Logger LOG = Logger.getLogger(RateLimitGate.class);

    private final Clock clock;
    private final Pause pause;
    private final int reserve;
    private final Duration longestWait;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.EPOCH);

    @Inject
    RateLimitGate(Clock clock, Pause pause, BrokerConfig config) {
        this(clock, pause, config.okta().rateLimitReserve(), config.retry().maxBackoff());
    }

    /** @param longestWait beyond this a request is refused at once instead of held ({@code broker.retry.max-backoff}) */
    RateLimitGate(Clock clock, Pause pause, int reserve, Duration longestWait) {
        this.clock = clock;
        this.pause = pause;
        this.reserve = reserve;
        this.longestWait = longestWait;
    }

    /**
     * Completes when the next request may be sent: at once while open, after a pause when that is at
     * most the longest wait; otherwise fails at once with a 503 whose Retry-After says when it opens.
     */
    Uni<Void> pass() {
        return Uni.createFrom().deferred(() -> {
            Duration wait = remaining();
            if (wait.compareTo(longestWait) > 0) {
                return Uni.createFrom().failure(new RateLimitedException(
                        "token requests are paused by the authorization server's rate limit", wait));
            }
            return pause.of(wait);
        });
    }

    /** How long until the next request may be sent (zero when open). */
    Duration remaining() {
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
