package io.tokenbroker.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.tokenbroker.okta.TokenEndpoint;

/**
 * URLs that carry a secret (the Okta admin token, the Vault token, a client assertion) and the path
 * segments built into them from ids and names.
 */
final class SafeUrls {

    private SafeUrls() {
    }

    /**
     * An absolute https URL; plain http only to a loopback host (127.0.0.1, ::1, localhost), where no
     * network sees the secret.
     *
     * @param what what the URL is, with the setting that gives it, e.g. "the Vault address (quarkus.vault.url)"
     */
    static URI secure(String url, String what) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new CliException(CliException.CONFIGURATION, what + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CliException(CliException.CONFIGURATION, what + " must be an absolute https URL: " + url);
        }
        if (scheme.equals("http") && !TokenEndpoint.isLoopback(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new CliException(CliException.CONFIGURATION, what + " must use https (plain http only for 127.0.0.1, ::1"
                    + " or localhost): " + url);
        }
        return uri;
    }

    /** The URL without a trailing slash, to append {@code /path} to. */
    static String base(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** One path segment from an id or a name, percent-encoded; "", "." and ".." are refused. */
    static String segment(String value, String what) {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(what + " must not be empty, \".\" or \"..\"");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A slash-separated path (a Vault path, a mount) with each segment encoded; leading and trailing slashes dropped. */
    static String path(String value, String what) {
        String trimmed = value == null ? "" : value.replaceAll("^/+|/+$", "");
        return Arrays.stream(trimmed.split("/", -1)).map(s -> segment(s, what)).collect(Collectors.joining("/"));
    }
}
