package io.tokenbroker.scope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.error.InvalidScopeException;

/**
 * Turns the raw {@code scope} query parameter into a {@link ScopeSet}: RFC 6749 §3.3 syntax,
 * bounded size, the configured default when absent, and the allowlist.
 */
@ApplicationScoped
public class ScopePolicy {

    static final int MAX_SCOPE_PARAMETER_LENGTH = 2048;
    static final int MAX_SCOPES = 32;

    private final ScopeSet defaultScopes;
    private final Set<String> allowed;

    ScopePolicy(BrokerConfig config) {
        List<String> defaults = config.okta().defaultScopes().orElse(List.of());
        this.defaultScopes = ScopeSet.of(defaults);
        Set<String> allowlist = new LinkedHashSet<>(config.okta().allowedScopes().orElse(List.of()));
        if (allowlist.isEmpty()) {
            allowlist.addAll(defaults);
        }
        this.allowed = Set.copyOf(allowlist);
    }

    public ScopeSet defaultScopes() {
        return defaultScopes;
    }

    /**
     * @param raw the caller's scope parameter values; null or empty means "the default scopes"
     */
    public ScopeSet resolve(List<String> raw) {
        if (raw != null && raw.size() > 1) {
            throw new InvalidRequestException("the scope parameter must not be repeated");
        }
        String value = raw == null || raw.isEmpty() ? "" : raw.get(0);
        if (value.isBlank()) {
            if (defaultScopes.isEmpty()) {
                throw new InvalidRequestException("no scope requested and no broker.okta.default-scopes configured");
            }
            return defaultScopes;
        }
        ScopeSet requested = parse(value);
        List<String> refused = requested.scopes().stream().filter(s -> !allowed.contains(s)).toList();
        if (!refused.isEmpty()) {
            throw new InvalidScopeException("scope not allowed by this broker: " + String.join(" ", refused));
        }
        return requested;
    }

    /** Parses a space-separated scope parameter (RFC 6749 §3.3 syntax, bounded); no allowlist. */
    public static ScopeSet parse(String value) {
        if (value.length() > MAX_SCOPE_PARAMETER_LENGTH) {
            throw new InvalidRequestException("scope is longer than " + MAX_SCOPE_PARAMETER_LENGTH + " characters");
        }
        List<String> tokens = new ArrayList<>();
        for (String token : value.split(" ", -1)) {
            if (token.isEmpty()) {
                continue;
            }
            if (!isScopeToken(token)) {
                throw new InvalidRequestException("malformed scope: scope tokens are printable ASCII without '\"' or '\\'");
            }
            tokens.add(token);
        }
        if (tokens.isEmpty()) {
            throw new InvalidRequestException("malformed scope: no scope token");
        }
        if (tokens.size() > MAX_SCOPES) {
            throw new InvalidRequestException("too many scopes: at most " + MAX_SCOPES);
        }
        return ScopeSet.of(tokens);
    }

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static boolean isScopeToken(String token) {
        return token.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
    }
}
