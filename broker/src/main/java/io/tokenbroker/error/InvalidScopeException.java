package io.tokenbroker.error;

/** 400 invalid_scope: a requested scope is not in the broker's allowlist. */
public class InvalidScopeException extends BrokerException {

    public InvalidScopeException(String description) {
        super(400, "invalid_scope", description, null);
    }
}
