package io.tokenbroker.assertion;

/** A signed client assertion with what logs may say about it (never the assertion itself). */
public record SignedAssertion(String jwt, String clientId, String kid) {

    @Override
    public String toString() {
        return "SignedAssertion[clientId=" + clientId + ", kid=" + kid + "]";
    }
}
