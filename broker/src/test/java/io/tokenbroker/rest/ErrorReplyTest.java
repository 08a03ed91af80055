package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenbroker.error.AccessDeniedException;
import io.tokenbroker.error.TemporarilyUnavailableException;

/** Failures into the contract's answers, the same for every route. */
class ErrorReplyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ErrorReply errors = new ErrorReply(new RequestMetrics(registry));

    @Test
    void aBrokerFailureKeepsItsStatusCodeAndDescriptionAndCountsOnce() {
        ErrorReply.Answer answer = errors.broker(new AccessDeniedException("the X-Token-Broker: 1 header is required"));

        assertThat(answer).isEqualTo(new ErrorReply.Answer(403,
                new ErrorResponse("access_denied", "the X-Token-Broker: 1 header is required"), OptionalLong.empty()));
        assertThat(registry.get("broker.token.requests").tag("source", "error").tag("outcome", "access_denied").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUpAndNeverZero() {
        assertThat(errors.broker(new TemporarilyUnavailableException("busy", Duration.ofMillis(1_001))).retryAfterSeconds())
                .hasValue(2);
        assertThat(errors.broker(new TemporarilyUnavailableException("busy", Duration.ofSeconds(30))).retryAfterSeconds())
                .hasValue(30);
        assertThat(errors.broker(new TemporarilyUnavailableException("busy", Duration.ZERO)).retryAfterSeconds()).hasValue(1);
    }

    @Test
    void anythingElseIsAServerErrorThatShowsNothingOfTheFailure() {
        ErrorReply.Answer answer = errors.unexpected(new IllegalStateException("Bearer eyJ.secret.token"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo(new ErrorResponse("server_error", "unexpected broker failure"));
        assertThat(answer.toString()).doesNotContain("eyJ");
    }

    @Test
    void theVertxRoutesWriteTheBodyQuarkusRestWrites() throws Exception {
        ErrorResponse body = new ErrorResponse("invalid_scope", "scope not allowed by this broker: \"a\\b\"\n");

        assertThat(body.toJson()).isEqualTo(new ObjectMapper().writeValueAsString(body));
    }
}
