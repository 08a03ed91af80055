package io.tokenbroker.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.scope.ScopeSet;

class TokenAnswersTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final TokenAnswers answers = new TokenAnswers(new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final ScopeSet scopes = new ScopeSet(List.of("a"));

    private record Answer(int status, String body, Map<String, String> headers) {
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, body, Map.of());
    }

    private IssuedToken read(Answer answer) {
        return answers.read(answer.status(), answer.body(), answer.headers()::get, scopes, NOW);
    }

    @Test
    void aTokenAnswerIsRead() {
        IssuedToken token = read(answer(200,
                "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"abc\",\"scope\":\"a\"}"));
        assertThat(token.accessToken()).isEqualTo("abc");
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(token.tokenType()).isEqualTo("Bearer");
        assertThat(token.toString()).doesNotContain("abc");
    }

    @Test
    void anIncompleteTokenAnswerIsRejected() {
        assertThatThrownBy(() -> read(answer(200, "{\"token_type\":\"Bearer\",\"access_token\":\"abc\"}")))
                .isInstanceOf(UpstreamRejectedException.class);
        assertThatThrownBy(() -> read(answer(200, "<html/>")))
                .isInstanceOf(UpstreamRejectedException.class);
    }

    @Test
    void bothOktaErrorShapesKeepTheirCode() {
        assertThatThrownBy(() -> read(answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad\"}")))
                .isInstanceOfSatisfying(UpstreamRejectedException.class, e -> assertThat(e.upstreamError()).isEqualTo("invalid_client"));
        assertThatThrownBy(() -> read(answer(403, "{\"errorCode\":\"E0000006\",\"errorSummary\":\"no permission\"}")))
                .isInstanceOfSatisfying(UpstreamRejectedException.class, e -> {
                    assertThat(e.upstreamError()).isEqualTo("E0000006");
                    assertThat(e.description()).contains("no permission");
                });
        assertThatThrownBy(() -> read(answer(400, "<html>bad</html>")))
                .isInstanceOfSatisfying(UpstreamRejectedException.class, e -> assertThat(e.upstreamError()).isEqualTo("http_400"));
    }

    @Test
    void rateLimitsAndOutagesAreTransientWithTheServersDelay() {
        Answer retryAfter = new Answer(429, "{}", Map.of("Retry-After", "7"));
        assertThatThrownBy(() -> read(retryAfter))
                .isInstanceOfSatisfying(TemporarilyUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        Answer reset = new Answer(429, "", Map.of("X-Rate-Limit-Reset", Long.toString(NOW.getEpochSecond() + 42)));
        assertThatThrownBy(() -> read(reset))
                .isInstanceOfSatisfying(TemporarilyUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(42)));
        assertThatThrownBy(() -> read(answer(502, "gateway")))
                .isInstanceOf(TemporarilyUnavailableException.class);
    }
}
