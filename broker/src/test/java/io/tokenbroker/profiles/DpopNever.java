package io.tokenbroker.profiles;

import java.util.Map;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** broker.okta.dpop=never. */
public class DpopNever extends StandInProfile {
    public DpopNever() {
        super(BrokerKey.file(Alg.P256, Format.PKCS8));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("broker.okta.dpop", "never");
    }
}
