package io.tokenbroker.profiles;

import java.util.Map;

/** broker.okta.dpop=never. */
public class DpopNever extends StandInProfile {
    public DpopNever() {
        super(Map.of("key", "p256", "source", "file", "format", "pkcs8"));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("broker.okta.dpop", "never");
    }
}
