package io.tokenbroker.error;

/**
 * 502 invalid_token_response: the authorization server answered 2xx, but not with a usable token.
 * The description names the offending field only, never its value: the value is upstream text and
 * may be a token, or carry CR/LF into a log line.
 */
public class InvalidTokenResponseException extends UpstreamRejectedException {

    public static final String ERROR = "invalid_token_response";

    public InvalidTokenResponseException(String field, String rule) {
        super(ERROR, ERROR, "the authorization server's token answer is not usable: " + field + " " + rule);
    }
}
