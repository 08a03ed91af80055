package io.tokenbroker.okta;

import java.time.Duration;
import java.time.Instant;

import io.tokenbroker.scope.ScopeSet;

/**
 * An access token as issued by the authorization server.
 *
 * @param scope the scope granted (the server's {@code scope} member, else the requested set)
 */
public record IssuedToken(String accessToken, String tokenType, Instant issuedAt, Instant expiresAt, String scope,
        ScopeSet requested) {

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "IssuedToken[type=" + tokenType + ", scope=" + scope + ", expiresAt=" + expiresAt + ", hash="
                + TokenHash.of(accessToken) + "]";
    }
}
