package io.tokenbroker.error;

/** 400 invalid_request: the caller's request is malformed. */
public class InvalidRequestException extends BrokerException {

    public InvalidRequestException(String description) {
        super(400, "invalid_request", description, null);
    }
}
