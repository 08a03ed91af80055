package io.tokenbroker.profiles;

import java.util.Map;

/** ECDSA P-256 Transit key in Vault. */
public class TransitEc extends StandInProfile {
    public TransitEc() {
        super(Map.of("key", "p256", "source", "transit"));
    }
}
