package io.tokenbroker.okta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.scope.ScopeSet;

/**
 * Reads token endpoint answers: a token on 2xx; on errors the OAuth shape
 * {@code {error, error_description}} or Okta's {@code {errorCode, errorSummary}}; 429 and 5xx are
 * transient (503 to callers, with the server's Retry-After or X-Rate-Limit-Reset).
 */
public final class TokenAnswers {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_DESCRIPTION = 300;

    private final ObjectMapper mapper;
    private final Clock clock;

    public TokenAnswers(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    IssuedToken read(Response response, ScopeSet requested, Instant requestedAt) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return read(response.getStatus(), body, response::getHeaderString, requested, requestedAt);
    }

    /**
     * @param header looks up a response header by name (null when absent)
     */
    public IssuedToken read(int status, String body, UnaryOperator<String> header, ScopeSet requested, Instant requestedAt) {
        if (status >= 200 && status < 300) {
            return token(body, requested, requestedAt);
        }
        if (status == 429 || status >= 500) {
            throw new UpstreamUnavailableException("the authorization server answered HTTP " + status
                    + describe(OktaError.parse(mapper, body)), retryAfter(header), null);
        }
        OktaError error = OktaError.parse(mapper, body).orElse(new OktaError("http_" + status, "HTTP " + status));
        throw new UpstreamRejectedException(error.code(), "the authorization server refused the token request: "
                + error.code() + ": " + truncate(error.description()));
    }

    private IssuedToken token(String body, ScopeSet requested, Instant requestedAt) {
        JsonNode json = readTree(body);
        String accessToken = text(json, "access_token");
        String tokenType = text(json, "token_type");
        long expiresIn = json != null && json.path("expires_in").canConvertToLong() ? json.path("expires_in").asLong() : -1;
        if (accessToken == null || accessToken.isEmpty() || tokenType == null || expiresIn <= 0) {
            throw new UpstreamRejectedException("invalid_token_response",
                    "the authorization server answered without access_token, token_type or a positive expires_in");
        }
        String scope = Optional.ofNullable(text(json, "scope")).filter(s -> !s.isBlank()).orElse(requested.asString());
        String type = tokenType.equalsIgnoreCase("dpop") ? "DPoP" : "Bearer";
        // Lifetime counts from when the request was sent: the token cannot be older than that.
        return new IssuedToken(accessToken, type, requestedAt, requestedAt.plusSeconds(expiresIn), scope, requested);
    }

    Duration retryAfter(UnaryOperator<String> header) {
        String retryAfter = header.apply("Retry-After");
        if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
            return atLeastOneSecond(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
        }
        String reset = header.apply("X-Rate-Limit-Reset");
        if (reset != null && reset.strip().matches("\\d{1,12}")) {
            return atLeastOneSecond(Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip()))));
        }
        return DEFAULT_RETRY_AFTER;
    }

    private static Duration atLeastOneSecond(Duration duration) {
        return duration.compareTo(DEFAULT_RETRY_AFTER) < 0 ? DEFAULT_RETRY_AFTER : duration;
    }

    private JsonNode readTree(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        return json != null && json.path(field).isTextual() ? json.path(field).asText() : null;
    }

    private static String describe(Optional<OktaError> error) {
        return error.map(e -> " (" + e.code() + ": " + truncate(e.description()) + ")").orElse("");
    }

    static String truncate(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() > MAX_DESCRIPTION ? oneLine.substring(0, MAX_DESCRIPTION) + "…" : oneLine;
    }
}
