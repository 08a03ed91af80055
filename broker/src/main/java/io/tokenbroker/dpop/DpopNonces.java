package io.tokenbroker.dpop;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The latest {@code DPoP-Nonce} each server (by origin) gave us, refreshed from every answer that
 * carries one (RFC 9449 section 8): token endpoint and resource servers alike.
 */
@ApplicationScoped
public class DpopNonces {

    public static final int MAX_NONCE_LENGTH = 512;
    private static final int MAX_SERVERS = 256;

    private final Map<String, String> byOrigin = new ConcurrentHashMap<>();

    public Optional<String> forServer(String origin) {
        return Optional.ofNullable(byOrigin.get(origin));
    }

    /**
     * Keeps {@code nonce} (a DPoP-Nonce header value, null when absent) as the server's latest.
     *
     * @return true when this is a nonce we did not hold before
     */
    public boolean observe(String origin, String nonce) {
        if (nonce == null || !wellFormed(nonce)) {
            return false;
        }
        if (!byOrigin.containsKey(origin) && byOrigin.size() >= MAX_SERVERS) {
            byOrigin.clear();
        }
        return !nonce.equals(byOrigin.put(origin, nonce));
    }

    /** RFC 9449: a nonce is 1*NQCHAR (printable ASCII without double quote and backslash); at most 512 here. */
    public static boolean wellFormed(String nonce) {
        return !nonce.isEmpty() && nonce.length() <= MAX_NONCE_LENGTH
                && nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != '"' && c != '\\');
    }
}
