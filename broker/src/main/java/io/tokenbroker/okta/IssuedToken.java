package io.tokenbroker.okta;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.tokenbroker.key.LocalSigner;
import io.tokenbroker.scope.ScopeSet;

/**
 * An access token as issued by the authorization server.
 *
 * @param scope the scope granted (the server's {@code scope} member, else the requested set)
 * @param dpopKey the key a DPoP-bound token is bound to (its proofs must be signed with it); null for Bearer
 */
public record IssuedToken(String accessToken, String tokenType, Instant issuedAt, Instant expiresAt, String scope,
        ScopeSet requested, LocalSigner dpopKey) {

    public static final String BEARER = "Bearer";
    public static final String DPOP = "DPoP";

    /** A token that is not bound to a DPoP key. */
    public IssuedToken(String accessToken, String tokenType, Instant issuedAt, Instant expiresAt, String scope,
            ScopeSet requested) {
        this(accessToken, tokenType, issuedAt, expiresAt, scope, requested, null);
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    /** The DPoP key this token is bound to, when it is a DPoP token. */
    public Optional<LocalSigner> dpop() {
        return Optional.ofNullable(dpopKey);
    }

    IssuedToken boundTo(LocalSigner key) {
        return new IssuedToken(accessToken, tokenType, issuedAt, expiresAt, scope, requested, key);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "IssuedToken[type=" + tokenType + ", scope=" + scope + ", expiresAt=" + expiresAt + ", hash="
                + TokenHash.of(accessToken) + (dpopKey == null ? "" : ", jkt=" + dpopKey.jkt()) + "]";
    }
}
