package io.tokenbroker.cache;

import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopeSet;

/**
 * CDI event: a new token for {@code scopes} from the token target {@code server} ({@code default} or a
 * {@code broker.servers} name) is in the cache (first fetch or refresh). Fired on the
 * thread that completed the upstream request: observers hand work off instead of blocking it.
 */
public record TokenStored(String server, ScopeSet scopes, IssuedToken token) {
}
