package io.tokenbroker.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import io.tokenbroker.dpop.Htu;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.okta.TokenEndpoint;

/**
 * The one origin the proxy may reach: broker.okta.domain (https, or http on loopback for tests),
 * and the rule that turns a caller's path and query into a request to it. The host and port are
 * never taken from the caller, so no path can make the broker call another server; dot segments
 * (plain or percent-encoded) are refused so that a path stays what it says.
 */
record ProxyTarget(String scheme, String host, int port) {

    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2[eE]){1,2}(/|$)");
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2[fF]|5[cC])");
    private static final int MAX_TARGET_LENGTH = 8192;

    static ProxyTarget of(String domain) {
        URI uri = TokenEndpoint.validate(domain.endsWith("/") ? domain.substring(0, domain.length() - 1) : domain);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new ProxyTarget(scheme, uri.getHost(), port);
    }

    boolean ssl() {
        return scheme.equals("https");
    }

    /** {@code scheme://host[:port]} normalised as in proofs, so that the nonce memory has one key per server. */
    String origin() {
        return Htu.origin(scheme + "://" + host + ":" + port);
    }

    /**
     * The request target (path and query, still encoded) on the Okta domain.
     *
     * @param rawPath the caller's path after {@code /v1/proxy}, percent-encoded as received
     */
    String requestTarget(String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath.startsWith("/") ? rawPath : "/" + rawPath;
        if (DOT_SEGMENT.matcher(path).find() || ENCODED_SEPARATOR.matcher(path).find() || path.contains("\\")) {
            throw new InvalidRequestException("the proxied path must not contain dot segments or encoded separators");
        }
        // "//host/x" would read as an authority to some parsers: collapse leading slashes
        path = "/" + path.replaceFirst("^/+", "");
        String target = rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
        if (target.length() > MAX_TARGET_LENGTH) {
            throw new InvalidRequestException("the proxied path and query are too long");
        }
        return target;
    }
}
