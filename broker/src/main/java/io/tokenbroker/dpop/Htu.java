package io.tokenbroker.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code htu} claim of a DPoP proof (RFC 9449 section 4.2): the target URI without query and
 * fragment, normalised the way the RFC asks servers to compare it (RFC 3986 syntax- and
 * scheme-based normalisation): lower-case scheme and host, no default port, dot segments removed,
 * an empty path as {@code /}.
 */
public final class Htu {

    private Htu() {
    }

    /**
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
     */
    public static String of(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.normalize().getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + (path.isEmpty() ? "/" : path);
    }

    /** {@code scheme://host[:port]} of a URL: the server a nonce belongs to. */
    public static String origin(String url) {
        String htu = of(url);
        int pathStart = htu.indexOf('/', htu.indexOf("://") + 3);
        return pathStart < 0 ? htu : htu.substring(0, pathStart);
    }
}
