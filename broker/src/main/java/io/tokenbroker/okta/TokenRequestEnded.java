package io.tokenbroker.okta;

/**
 * CDI event: one request to the token endpoint ended (fired on the thread that saw its end, so
 * observers keep it short). Health observes these instead of being told by the metrics.
 *
 * @param error {@value #NONE} on success, else the server's error code or the broker's (secret-free)
 */
public record TokenRequestEnded(String error) {

    public static final String NONE = "none";

    public boolean succeeded() {
        return NONE.equals(error);
    }
}
