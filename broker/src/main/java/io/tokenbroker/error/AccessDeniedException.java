package io.tokenbroker.error;

/** 403 access_denied: the caller failed the anti-SSRF rule or is not allowed. */
public class AccessDeniedException extends BrokerException {

    public AccessDeniedException(String description) {
        super(403, "access_denied", description, null);
    }
}
