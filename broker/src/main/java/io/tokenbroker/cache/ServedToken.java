package io.tokenbroker.cache;

import io.tokenbroker.okta.IssuedToken;

/** A token handed to a caller and where it came from, for metrics. */
public record ServedToken(IssuedToken token, Source source) {

    public enum Source {
        CACHE,
        UPSTREAM
    }
}
