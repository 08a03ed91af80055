package io.tokenbroker.profiles;

import java.util.Map;

/**
 * Stand-ins on the real clock, so that the same tests run against the broker in this JVM and
 * against the packaged application (jar, or native executable) in its own process.
 */
public class Packaged extends StandInProfile {
    public Packaged() {
        super(Map.of("key", "p256", "source", "vault", "format", "jwk", "clock", "system"));
    }
}
