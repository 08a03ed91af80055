package io.tokenbroker.rest;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The DNS-rebinding rule: a browser tricked into calling the broker through a name that resolves to
 * 127.0.0.1 still sends that name as {@code Host}, so only loopback names (any port) and the names of
 * {@code broker.http.allowed-hosts} are accepted. An entry {@code name:port} accepts that port only.
 */
final class HostRule {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final Set<String> extra;
    /** The last Host value found allowed (the rule is a pure function of the value) */
    private volatile String lastAllowed;

    HostRule(List<String> allowedHosts) {
        this.extra = allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** @param host the {@code Host} header as received; null when absent */
    boolean allows(String host) {
        if (host == null) {
            return false;
        }
        if (host.equals(lastAllowed)) {
            return true; // callers send the same Host on every request: it was checked once
        }
        if (!check(host)) {
            return false;
        }
        lastAllowed = host;
        return true;
    }

    private boolean check(String host) {
        String value = host.strip().toLowerCase(Locale.ROOT);
        int portStart = value.startsWith("[") ? value.indexOf(']') + 1 : value.indexOf(':');
        if (portStart <= 0 && value.startsWith("[")) {
            return false; // an unclosed IPv6 literal
        }
        String name = portStart < 0 ? value : value.substring(0, portStart);
        String port = portStart < 0 || portStart == value.length() ? "" : value.substring(portStart);
        if (name.isEmpty() || !(port.isEmpty() || port.startsWith(":") && PORT.matcher(port.substring(1)).matches())) {
            return false;
        }
        return LOOPBACK.contains(name) || extra.contains(name) || extra.contains(value);
    }
}
