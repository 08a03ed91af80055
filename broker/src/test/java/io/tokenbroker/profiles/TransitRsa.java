package io.tokenbroker.profiles;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;

/** RSA 2048 Transit key in Vault: Vault signs, the key never reaches the broker. */
public class TransitRsa extends StandInProfile {
    public TransitRsa() {
        super(BrokerKey.transit(Alg.RSA_2048));
    }
}
