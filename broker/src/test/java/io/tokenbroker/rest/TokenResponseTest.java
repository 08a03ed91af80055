package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopeSet;

/** The /v1/token body is written without Jackson's databind: it must still be the JSON Jackson would write. */
class TokenResponseTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = { "tokens.read", "a b c:d/e_f", "" })
    void theBodyIsWhatJacksonWritesForTheRecord(String scope) throws Exception {
        IssuedToken token = new IssuedToken("eyJ.abc-_~+/=.def", "DPoP", ISSUED, ISSUED.plusSeconds(3600), scope,
                new ScopeSet(List.of("tokens.read")));
        TokenResponse body = TokenResponse.of(token, ISSUED.plusMillis(600_999));

        assertThat(body.toJson()).isEqualTo(new ObjectMapper().writeValueAsString(body))
                .startsWith("{\"access_token\":\"eyJ.abc-_~+/=.def\",\"token_type\":\"DPoP\",\"expires_in\":2999,");
    }

    @ParameterizedTest
    @ValueSource(strings = { "quote\"d", "back\\slash", "line\nbreak", "\u00e9t\u00e9" })
    void textThatNeedsEscapingIsEscapedAlike(String scope) throws Exception {
        IssuedToken token = new IssuedToken("t", "Bearer", ISSUED, ISSUED.plusSeconds(60), scope,
                new ScopeSet(List.of("tokens.read")));
        TokenResponse body = TokenResponse.of(token, ISSUED);

        assertThat(new ObjectMapper().readTree(body.toJson())).isEqualTo(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(body)));
    }
}
