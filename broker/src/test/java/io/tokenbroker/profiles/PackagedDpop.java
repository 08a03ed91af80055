package io.tokenbroker.profiles;

import java.util.Map;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;
import io.tokenbroker.testsupport.TimeSource;
import io.tokenbroker.testsupport.VaultOptions;

/** A packaged broker with an RSA client key and a P-384 DPoP key in Vault KV, DPoP on every token request. */
public class PackagedDpop extends StandInProfile {
    public PackagedDpop() {
        super(BrokerKey.vault(Alg.RSA_2048, Format.PKCS8), VaultOptions.defaults().on(TimeSource.SYSTEM).dpopKey(Alg.P384),
                TimeSource.SYSTEM);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("broker.okta.dpop", "always");
    }
}
