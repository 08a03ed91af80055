package io.tokenbroker.profiles;

import java.util.Map;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;

/**
 * A Transit key in its own broker instance, because its test rotates it. The test expires every
 * cached token at once several times, so callers wait for fresh ones: a long max-wait keeps a slow
 * (loaded) machine from turning that wait into a 503 the rotation did not cause.
 */
public class TransitRotation extends StandInProfile {
    public TransitRotation() {
        super(BrokerKey.transit(Alg.RSA_2048));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("broker.token.max-wait", "120s");
    }
}
