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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokenbroker.error.InvalidTokenResponseException;
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CR/LF in the token     | {"token_type":"Bearer","expires_in":3600,"access_token":"abc\\r\\nX-Injected: 1"} | access_token
            empty token            | {"token_type":"Bearer","expires_in":3600,"access_token":""}                           | access_token
            space in the token     | {"token_type":"Bearer","expires_in":3600,"access_token":"a b"}                        | access_token
            token not a string     | {"token_type":"Bearer","expires_in":3600,"access_token":12345}                        | access_token
            padding in the middle  | {"token_type":"Bearer","expires_in":3600,"access_token":"ab=c"}                       | access_token
            MAC token type         | {"token_type":"mac","expires_in":3600,"access_token":"abc"}                           | token_type
            missing token type     | {"expires_in":3600,"access_token":"abc"}                                              | token_type
            expires_in 1e16        | {"token_type":"Bearer","expires_in":1e16,"access_token":"abc"}                        | expires_in
            expires_in 1e18        | {"token_type":"Bearer","expires_in":1E18,"access_token":"abc"}                        | expires_in
            expires_in huge long   | {"token_type":"Bearer","expires_in":10000000000000000,"access_token":"abc"}           | expires_in
            expires_in beyond long | {"token_type":"Bearer","expires_in":99999999999999999999999,"access_token":"abc"}     | expires_in
            expires_in a day + 1   | {"token_type":"Bearer","expires_in":86401,"access_token":"abc"}                       | expires_in
            expires_in zero        | {"token_type":"Bearer","expires_in":0,"access_token":"abc"}                           | expires_in
            expires_in fraction    | {"token_type":"Bearer","expires_in":3600.5,"access_token":"abc"}                      | expires_in
            expires_in a string    | {"token_type":"Bearer","expires_in":"3600","access_token":"abc"}                      | expires_in
            a JSON array           | [{"token_type":"Bearer","expires_in":3600,"access_token":"abc"}]                      | body
            """)
    void anUnusableTokenAnswerIsAnInvalidTokenResponseNamingTheFieldOnly(String name, String body, String field) {
        assertThatThrownBy(() -> read(answer(200, body)))
                .isInstanceOfSatisfying(InvalidTokenResponseException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_token_response");
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.description()).contains(field).doesNotContain("abc").doesNotContain("X-Injected")
                            .doesNotContain("\r").doesNotContain("\n");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void bothTokenTypesAreAcceptedInAnyCaseAndAnyB64tokenAsToken() {
        assertThat(read(answer(200, "{\"token_type\":\"bearer\",\"expires_in\":1,\"access_token\":\"a-b.c_d~e+f/g==\"}")).tokenType())
                .isEqualTo("Bearer");
        IssuedToken dpop = read(answer(200, "{\"token_type\":\"dpop\",\"expires_in\":86400,\"access_token\":\"x\"}"));
        assertThat(dpop.tokenType()).isEqualTo("DPoP");
        assertThat(dpop.expiresAt()).isEqualTo(NOW.plusSeconds(86400));
    }

    @Test
    void upstreamErrorTextReachesCallersOnOneLine() {
        assertThatThrownBy(() -> read(answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad\\r\\nX-Injected: 1\\u0000\"}")))
                .isInstanceOfSatisfying(UpstreamRejectedException.class, e -> assertThat(e.description())
                        .doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000").contains("bad X-Injected: 1"));
    }

    @ParameterizedTest
    @CsvSource({ "Retry-After, 999999999999", "Retry-After, 86400", "X-Rate-Limit-Reset, 999999999999" })
    void aRateLimitHintIsBelievedUpToAnHourAhead(String header, String value) {
        Answer limited = new Answer(429, "{}", Map.of(header, value));
        assertThatThrownBy(() -> read(limited))
                .isInstanceOfSatisfying(TemporarilyUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CR/LF                  | a\\r\\nX-Injected: 1
            a quote                | a\\"b
            a backslash            | a\\\\b
            non-ASCII              | a \\u00e9
            a tab                  | a\\tb
            two spaces             | a  b
            a leading space        | ' a'
            blank                  | ' '
            """)
    void anImplausibleScopeIsDroppedForTheRequestedOne(String name, String scope) {
        IssuedToken token = read(answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":60,\"access_token\":\"abc\",\"scope\":\""
                + scope + "\"}"));
        assertThat(token.scope()).isEqualTo("a");
    }

    @Test
    void aScopeLongerThanACallerMayAskForIsDroppedAndAPlainOneIsPassedOn() {
        String huge = "x".repeat(3000);
        assertThat(read(answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":60,\"access_token\":\"abc\",\"scope\":\""
                + huge + "\"}")).scope()).isEqualTo("a");
        assertThat(read(answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":60,\"access_token\":\"abc\",\"scope\":"
                + "\"okta.users.read api:write/all\"}")).scope()).isEqualTo("okta.users.read api:write/all");
        assertThat(read(answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":60,\"access_token\":\"abc\",\"scope\":7}"))
                .scope()).isEqualTo("a");
    }
}
