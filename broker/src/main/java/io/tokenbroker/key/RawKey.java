package io.tokenbroker.key;

import java.util.Optional;

/**
 * Key material as a key source hands it over, before parsing.
 *
 * @param text PEM or JWK JSON
 * @param kid the kid stored next to the key, if any
 * @param clientId the client id stored next to the key, if any
 * @param source human description of the location, for messages (never the content)
 */
public record RawKey(String text, Optional<String> kid, Optional<String> clientId, String source) {

    @Override
    public String toString() {
        return "RawKey[source=" + source + ", kid=" + kid.orElse("-") + "]";
    }
}
