package io.tokenbroker.profiles;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;
import io.tokenbroker.testsupport.VaultOptions;

/** Vault refuses connections when the broker starts. */
public class VaultDownAtStart extends StandInProfile {
    public VaultDownAtStart() {
        super(BrokerKey.vault(Alg.RSA_2048, Format.PKCS8), VaultOptions.defaults().downAtStart());
    }
}
