package io.tokenbroker.error;

/** 502 upstream_rejected: the authorization server refused the token request; its own code is kept. */
public class UpstreamRejectedException extends BrokerException {

    private final String upstreamError;

    public UpstreamRejectedException(String upstreamError, String description) {
        this("upstream_rejected", upstreamError, description);
    }

    protected UpstreamRejectedException(String error, String upstreamError, String description) {
        super(502, error, description, null);
        this.upstreamError = upstreamError;
    }

    /** The authorization server's own error code, e.g. {@code invalid_client}. */
    public String upstreamError() {
        return upstreamError;
    }
}
