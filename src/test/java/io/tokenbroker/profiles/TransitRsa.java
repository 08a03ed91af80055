package io.tokenbroker.profiles;

import java.util.Map;

/** RSA 2048 Transit key in Vault: Vault signs, the key never reaches the broker. */
public class TransitRsa extends StandInProfile {
    public TransitRsa() {
        super(Map.of("key", "rsa2048", "source", "transit"));
    }
}
