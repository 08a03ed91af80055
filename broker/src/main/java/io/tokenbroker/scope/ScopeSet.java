package io.tokenbroker.scope;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A normalised set of OAuth scopes: split on spaces, de-duplicated and sorted, so that
 * {@code "b a a"} and {@code "a b"} share one cache entry.
 */
public record ScopeSet(List<String> scopes) {

    public ScopeSet {
        scopes = List.copyOf(new TreeSet<>(scopes));
    }

    public static ScopeSet of(Collection<String> scopes) {
        return new ScopeSet(List.copyOf(scopes));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    /** The space-separated form used on the wire and in answers. */
    public String asString() {
        return String.join(" ", scopes);
    }

    @Override
    public String toString() {
        return asString();
    }
}
