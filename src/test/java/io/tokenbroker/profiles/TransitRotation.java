package io.tokenbroker.profiles;

import java.util.Map;

/** A Transit key in its own broker instance, because its test rotates it. */
public class TransitRotation extends StandInProfile {
    public TransitRotation() {
        super(Map.of("key", "rsa2048", "source", "transit"));
    }
}
