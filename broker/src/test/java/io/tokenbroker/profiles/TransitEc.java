package io.tokenbroker.profiles;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;

/** ECDSA P-256 Transit key in Vault. */
public class TransitEc extends StandInProfile {
    public TransitEc() {
        super(BrokerKey.transit(Alg.P256));
    }
}
