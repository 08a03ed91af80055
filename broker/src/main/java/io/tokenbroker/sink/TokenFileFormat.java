package io.tokenbroker.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.tokenbroker.config.BrokerConfig.SinkFormat;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.rest.TokenResponse;
import io.vertx.core.json.JsonObject;

/** What the token file holds in each format, and when a token read back from it expires. */
final class TokenFileFormat {

    private TokenFileFormat() {
    }

    /** raw: the access token alone, no newline; json: the body GET /v1/token would answer at {@code now}. */
    static byte[] render(SinkFormat format, IssuedToken token, Instant now) {
        return switch (format) {
            case RAW -> token.accessToken().getBytes(StandardCharsets.US_ASCII);
            case JSON -> TokenResponse.of(token, now).toJson().getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * When the token in a file left by an earlier run expires: json's {@code expires_at}, or the {@code exp}
     * claim of a raw JWT access token (Okta's are). Empty when the content says nothing readable: such a file
     * is kept until a token can be had or the cache answers that none can.
     */
    static Optional<Instant> expiry(SinkFormat format, String content) {
        try {
            JsonObject json = switch (format) {
                case JSON -> new JsonObject(content);
                case RAW -> jwtClaims(content.strip());
            };
            Object seconds = json == null ? null : json.getValue(format == SinkFormat.JSON ? "expires_at" : "exp");
            return seconds instanceof Number number ? Optional.of(Instant.ofEpochSecond(number.longValue())) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static JsonObject jwtClaims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
