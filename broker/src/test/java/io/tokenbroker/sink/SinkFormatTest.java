package io.tokenbroker.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokenbroker.config.BrokerConfig.SinkFormat;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopeSet;

/** What the token file holds in each format. */
class SinkFormatTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final IssuedToken TOKEN = new IssuedToken("eyJ.abc.def", "Bearer", ISSUED, ISSUED.plusSeconds(3600),
            "tokens.read", new ScopeSet(List.of("tokens.read")));

    @Test
    void rawIsTheAccessTokenAloneWithoutNewline() throws Exception {
        assertThat(new String(TokenFileFormat.render(SinkFormat.RAW, TOKEN, ISSUED), StandardCharsets.US_ASCII))
                .isEqualTo("eyJ.abc.def");
    }

    @Test
    void jsonIsTheTokenEndpointsBodyAtTheTimeOfWriting() throws Exception {
        JsonNode body = MAPPER.readTree(TokenFileFormat.render(SinkFormat.JSON, TOKEN, ISSUED.plusSeconds(600)));

        assertThat(body.path("access_token").asText()).isEqualTo("eyJ.abc.def");
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3000);
        assertThat(body.path("expires_at").asLong()).isEqualTo(ISSUED.plusSeconds(3600).getEpochSecond());
        assertThat(body.path("scope").asText()).isEqualTo("tokens.read");
    }

    @Test
    void theExpiryOfATokenLeftInTheFileIsReadBackFromEitherFormat() {
        String json = new String(TokenFileFormat.render(SinkFormat.JSON, TOKEN, ISSUED), StandardCharsets.UTF_8);
        assertThat(TokenFileFormat.expiry(SinkFormat.JSON, json)).contains(ISSUED.plusSeconds(3600));

        String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1780000000}".getBytes(StandardCharsets.UTF_8));
        assertThat(TokenFileFormat.expiry(SinkFormat.RAW, "eyJ." + claims + ".sig\n")).contains(Instant.ofEpochSecond(1780000000));

        assertThat(TokenFileFormat.expiry(SinkFormat.RAW, "opaque-token")).isEmpty();
        assertThat(TokenFileFormat.expiry(SinkFormat.RAW, "a.!!!.c")).isEmpty();
        assertThat(TokenFileFormat.expiry(SinkFormat.JSON, "{\"expires_at\":\"soon\"}")).isEmpty();
        assertThat(TokenFileFormat.expiry(SinkFormat.JSON, "{\"expires_at\":99999999999999999}")).isEmpty();
    }
}
