package io.tokenbroker.server;

import io.tokenbroker.cache.Prefetcher;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.dpop.DpopProofSigner;
import io.tokenbroker.key.KeyManager;
import io.tokenbroker.okta.TokenEndpoint;
import io.tokenbroker.scope.ScopePolicy;

/**
 * One server the broker obtains tokens from, everything a caller's request for it needs: its scopes
 * (default and allowlist), its cache (entries, single flight, failure memory, its endpoint's budget), its DPoP
 * policy and proof signer (own key and nonces), the key it signs assertions with (shared when it is the same),
 * its prefetch.
 *
 * @param name {@code default} for the unnamed target, else the broker.servers name; the {@code server} tag
 */
public record TokenTarget(String name, TokenEndpoint endpoint, ScopePolicy scopes, TokenCache cache, DpopPolicy dpop,
        DpopProofSigner proofs, KeyManager keys, Prefetcher prefetcher) {

    /** True when this server could serve its default scopes' token (or needs none prefetched). */
    public boolean ready() {
        return keys.current().isPresent() && prefetcher.satisfied();
    }
}
