package io.tokenbroker.scope;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

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

    private static final Logger LOG = Logger.getLogger(ScopePolicy.class);

    private final ScopeSet defaultScopes;
    private final Set<String> allowed;
    private final int maxScopeSets;
    /** Where the default scopes are configured, for messages: broker.okta or broker.servers.NAME */
    private final String prefix;

    @jakarta.inject.Inject
    ScopePolicy(BrokerConfig config) {
        this(config.okta().defaultScopes().orElse(List.of()), config.okta().allowedScopes().orElse(List.of()),
                config.token().maxScopeSets(), "broker.okta");
    }

    private ScopePolicy(List<String> defaults, List<String> allowedScopes, int maxScopeSets, String prefix) {
        this.maxScopeSets = maxScopeSets;
        this.prefix = prefix;
        this.defaultScopes = ScopeSet.of(defaults);
        Set<String> allowlist = new LinkedHashSet<>(allowedScopes);
        if (allowlist.isEmpty()) {
            allowlist.addAll(defaults);
        }
        this.allowed = Set.copyOf(allowlist);
    }

    /** A named server's scopes: its own default scopes and allowlist, which apply to it alone. */
    public static ScopePolicy forServer(List<String> defaults, List<String> allowedScopes, int maxScopeSets, String prefix) {
        ScopePolicy policy = new ScopePolicy(defaults, allowedScopes, maxScopeSets, prefix);
        churnWarning(policy.allowed.size(), maxScopeSets).ifPresent(LOG::warn);
        return policy;
    }

    void onStart(@Observes StartupEvent event) {
        churnWarning(allowed.size(), maxScopeSets).ifPresent(LOG::warn);
    }

    /**
     * Callers rotating through more scope sets than the cache holds evict each other's tokens, and
     * every miss is an upstream request (bounded by broker.okta.max-token-requests-per-minute).
     */
    static Optional<String> churnWarning(int allowedScopes, int maxScopeSets) {
        long sets = scopeSets(allowedScopes);
        if (sets <= maxScopeSets) {
            return Optional.empty();
        }
        return Optional.of("broker.okta.allowed-scopes allows " + (sets == Long.MAX_VALUE ? "more than 2^62" : sets)
                + " scope sets, broker.token.max-scope-sets caches " + maxScopeSets + ": callers rotating through more"
                + " sets than that evict each other's tokens, and each miss costs an upstream request (at most"
                + " broker.okta.max-token-requests-per-minute)");
    }

    /** Non-empty sets of at most {@value #MAX_SCOPES} of {@code n} scopes. */
    static long scopeSets(int n) {
        if (n <= MAX_SCOPES) {
            return (1L << n) - 1;
        }
        if (n >= 63) {
            return Long.MAX_VALUE;
        }
        BigInteger total = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        for (int k = 1; k <= MAX_SCOPES; k++) {
            choose = choose.multiply(BigInteger.valueOf(n - k + 1)).divide(BigInteger.valueOf(k));
            total = total.add(choose);
        }
        return total.bitLength() < 63 ? total.longValue() : Long.MAX_VALUE;
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
                throw new InvalidRequestException("no scope requested and no " + prefix + ".default-scopes configured");
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

    /**
     * Whether {@code value} is a scope string as RFC 6749 §3.3 writes it (scope tokens joined by single
     * spaces), no longer than a caller's scope parameter may be: what an authorization server's answer must
     * look like before its {@code scope} is passed on.
     */
    public static boolean wellFormed(String value) {
        if (value.isEmpty() || value.length() > MAX_SCOPE_PARAMETER_LENGTH) {
            return false;
        }
        for (String token : value.split(" ", -1)) {
            if (token.isEmpty() || !isScopeToken(token)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static boolean isScopeToken(String token) {
        return token.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
    }
}
