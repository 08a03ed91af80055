package io.tokenbroker.profiles;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.TimeSource;
import io.tokenbroker.testsupport.VaultOptions;

/** A packaged broker (its own process, on real time) whose RSA key is a Vault Transit key: Vault signs. */
public class PackagedTransit extends StandInProfile {
    public PackagedTransit() {
        super(BrokerKey.transit(Alg.RSA_2048), VaultOptions.defaults().on(TimeSource.SYSTEM), TimeSource.SYSTEM);
    }
}
