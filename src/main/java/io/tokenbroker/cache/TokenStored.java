package io.tokenbroker.cache;

import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopeSet;

/**
 * CDI event: a new token for {@code scopes} is in the cache (first fetch or refresh). Fired on the
 * thread that completed the upstream request: observers hand work off instead of blocking it.
 */
public record TokenStored(ScopeSet scopes, IssuedToken token) {
}
