package io.tokenbroker.cache;

import java.time.Instant;

import io.tokenbroker.okta.IssuedToken;

/** A token in the cache and the (jittered) instant its background refresh is due. */
record CachedToken(IssuedToken token, Instant refreshAt) {
}
