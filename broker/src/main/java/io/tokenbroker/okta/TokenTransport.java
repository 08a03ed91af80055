package io.tokenbroker.okta;

import java.util.Map;
import java.util.function.UnaryOperator;

import io.smallrye.mutiny.Uni;

/**
 * The raw HTTP exchange with the token endpoint, and nothing above it: the broker sends through its
 * reactive REST client, the command line (no Quarkus runtime) through the JDK's HttpClient. Everything
 * else of a token request (assertion, DPoP, answer checks, retries) is {@link OktaTokenClient}'s and
 * {@link ResilientTokenClient}'s, for both.
 */
@FunctionalInterface
public interface TokenTransport {

    /**
     * POSTs {@code form} (application/x-www-form-urlencoded) to the token endpoint; nothing is sent
     * until subscription. An I/O failure fails the Uni; any HTTP status is a reply.
     *
     * @param dpopProof the DPoP header, or null for none
     */
    Uni<Reply> post(Map<String, String> form, String dpopProof);

    /** Builds the HTTP client ahead of the first request (the broker's start-up warm-up). */
    default void prepare() {
    }

    /**
     * The endpoint's answer, read whole.
     *
     * @param header looks up a response header by name (null when absent)
     */
    record Reply(int status, String body, UnaryOperator<String> header) {
    }
}
