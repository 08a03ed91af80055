package io.tokenbroker.okta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokenbroker.error.InvalidTokenResponseException;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;

/**
 * Reads token endpoint answers: a token on 2xx; on errors the OAuth shape
 * {@code {error, error_description}} or Okta's {@code {errorCode, errorSummary}}; 429 and 5xx are
 * transient (503 to callers, with the server's Retry-After or X-Rate-Limit-Reset).
 */
public final class TokenAnswers {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    static final long MAX_EXPIRES_IN = 86_400;
    /** RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final int MAX_DESCRIPTION = 300;

    private final ObjectMapper mapper;
    private final Clock clock;

    public TokenAnswers(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * @param header looks up a response header by name (null when absent)
     */
    public IssuedToken read(int status, String body, UnaryOperator<String> header, ScopeSet requested, Instant requestedAt) {
        if (status >= 200 && status < 300) {
            return token(body, requested, requestedAt);
        }
        if (status == 429) {
            throw new RateLimitedException("the authorization server answered HTTP 429"
                    + describe(OktaError.parse(mapper, body)), retryAfter(header));
        }
        if (status >= 500) {
            throw new UpstreamUnavailableException("the authorization server answered HTTP " + status
                    + describe(OktaError.parse(mapper, body)), retryAfter(header), null);
        }
        OktaError error = OktaError.parse(mapper, body).orElse(new OktaError("http_" + status, "HTTP " + status));
        throw new UpstreamRejectedException(error.code(), "the authorization server refused the token request: "
                + error.code() + ": " + truncate(error.description()));
    }

    /**
     * The contract's rules for a token answer (see "Upstream answers"). A failure names the field,
     * never its value.
     */
    private IssuedToken token(String body, ScopeSet requested, Instant requestedAt) {
        JsonNode json = readTree(body);
        if (json == null || !json.isObject()) {
            throw new InvalidTokenResponseException("the body", "is not a JSON object");
        }
        String accessToken = text(json, "access_token");
        if (accessToken == null || !B64TOKEN.matcher(accessToken).matches()) {
            throw new InvalidTokenResponseException("access_token", "is not a non-empty RFC 6750 b64token");
        }
        String tokenType = text(json, "token_type");
        if (tokenType == null || !(tokenType.equalsIgnoreCase(IssuedToken.BEARER) || tokenType.equalsIgnoreCase(IssuedToken.DPOP))) {
            throw new InvalidTokenResponseException("token_type", "is neither Bearer nor DPoP");
        }
        JsonNode expires = json.path("expires_in");
        // an integral JSON number only: 1e16 is a double, "3600" a string; both are refused, and the
        // range check keeps Instant arithmetic far from its limits
        if (!expires.isIntegralNumber() || !expires.canConvertToLong() || expires.asLong() < 1
                || expires.asLong() > MAX_EXPIRES_IN) {
            throw new InvalidTokenResponseException("expires_in", "is not an integer between 1 and " + MAX_EXPIRES_IN);
        }
        // passed on to callers as it is: anything but a plain scope string (control characters, quotes, a
        // megabyte) is dropped for the scopes the broker asked for
        String scope = Optional.ofNullable(text(json, "scope")).filter(ScopePolicy::wellFormed).orElse(requested.asString());
        String type = tokenType.equalsIgnoreCase(IssuedToken.DPOP) ? IssuedToken.DPOP : IssuedToken.BEARER;
        // Lifetime counts from when the request was sent: the token cannot be older than that.
        return new IssuedToken(accessToken, type, requestedAt, requestedAt.plusSeconds(expires.asLong()), scope, requested);
    }

    /** Okta's Retry-After (seconds) or X-Rate-Limit-Reset (epoch seconds), believed up to an hour ahead. */
    Duration retryAfter(UnaryOperator<String> header) {
        Long retryAfter = seconds(header.apply("Retry-After"));
        if (retryAfter != null) {
            return bounded(Duration.ofSeconds(retryAfter));
        }
        Long reset = seconds(header.apply("X-Rate-Limit-Reset"));
        if (reset != null) {
            return bounded(Duration.between(clock.instant(), Instant.ofEpochSecond(reset)));
        }
        return DEFAULT_RETRY_AFTER;
    }

    /**
     * A non-negative decimal header value; twelve digits at most, so that {@code Instant.ofEpochSecond}
     * and {@code plusSeconds} stay far within their range (the result is bounded by the caller anyway).
     */
    static Long seconds(String value) {
        if (value == null || !value.strip().matches("\\d{1,12}")) {
            return null;
        }
        return Long.parseLong(value.strip());
    }

    private static Duration bounded(Duration duration) {
        Duration atLeastOne = duration.compareTo(DEFAULT_RETRY_AFTER) < 0 ? DEFAULT_RETRY_AFTER : duration;
        return TemporarilyUnavailableException.atMostMax(atLeastOne);
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

    /** Upstream error text shown to callers: one line of printable characters, bounded. */
    static String truncate(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
        return oneLine.length() > MAX_DESCRIPTION ? oneLine.substring(0, MAX_DESCRIPTION) + "…" : oneLine;
    }
}
