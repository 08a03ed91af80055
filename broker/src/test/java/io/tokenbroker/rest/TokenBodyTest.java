package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopeSet;

/** The pre-encoded /v1/token body is byte for byte the JSON TokenResponse writes, at any time. */
class TokenBodyTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = { "tokens.read", "a b c:d/e_f", "", "quote\"d", "back\\slash", "line\nbreak", "\u00e9t\u00e9 \u2603",
            "ctl\u0001" })
    void theBytesAreTokenResponsesJson(String text) {
        IssuedToken token = new IssuedToken("eyJ." + text + ".sig", "DPoP", ISSUED, ISSUED.plusSeconds(3600), text,
                new ScopeSet(List.of("tokens.read")));
        TokenBody body = new TokenBody.Recent().of(token);

        for (Instant now : List.of(ISSUED, ISSUED.plusMillis(600_999), ISSUED.plusSeconds(3599), ISSUED.plusSeconds(4000))) {
            assertThat(body.at(now).toString(StandardCharsets.UTF_8)).isEqualTo(TokenResponse.of(token, now).toJson());
        }
    }

    @Test
    void aTokenWithoutScopeWritesNullAsTokenResponseDoes() {
        IssuedToken token = new IssuedToken("t", "Bearer", ISSUED, ISSUED.plusSeconds(60), null, new ScopeSet(List.of("a")));

        assertThat(new TokenBody.Recent().of(token).at(ISSUED).toString(StandardCharsets.UTF_8))
                .isEqualTo(TokenResponse.of(token, ISSUED).toJson()).endsWith("\"scope\":null}");
    }

    @Test
    void eachTokenGetsItsOwnBodyAndAnEqualButNewTokenIsEncodedAgain() {
        TokenBody.Recent recent = new TokenBody.Recent();
        IssuedToken first = new IssuedToken("first", "Bearer", ISSUED, ISSUED.plusSeconds(60), "a", new ScopeSet(List.of("a")));
        IssuedToken refreshed = new IssuedToken("second", "Bearer", ISSUED, ISSUED.plusSeconds(120), "a", new ScopeSet(List.of("a")));

        assertThat(recent.of(first)).isSameAs(recent.of(first));
        assertThat(recent.of(refreshed).at(ISSUED).toString(StandardCharsets.UTF_8)).contains("\"access_token\":\"second\"");
        assertThat(recent.of(first).at(ISSUED).toString(StandardCharsets.UTF_8)).contains("\"access_token\":\"first\"");
        // more tokens than slots: every answer still belongs to its own token
        for (int i = 0; i < 4 * TokenBody.Recent.SLOTS; i++) {
            IssuedToken token = new IssuedToken("t" + i, "Bearer", ISSUED, ISSUED.plusSeconds(60 + i), "s" + i,
                    new ScopeSet(List.of("a")));
            assertThat(recent.of(token).at(ISSUED).toString(StandardCharsets.UTF_8)).isEqualTo(TokenResponse.of(token, ISSUED).toJson());
        }
    }
}
