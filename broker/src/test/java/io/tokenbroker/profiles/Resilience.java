package io.tokenbroker.profiles;

import java.util.Map;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** RSA key in Vault (token auth), with a short read timeout so that a slow Okta is a timeout. */
public class Resilience extends StandInProfile {
    public Resilience() {
        super(BrokerKey.vault(Alg.RSA_2048, Format.PKCS8));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("broker.okta.read-timeout", "500ms",
                "broker.okta.connect-timeout", "500ms",
                "broker.token.max-wait", "8s");
    }
}
