package io.tokenbroker.profiles;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** Like {@link VaultRsaPkcs8}, in its own broker instance, because its tests rotate the key in Vault. */
public class VaultRuntime extends StandInProfile {
    public VaultRuntime() {
        super(BrokerKey.vault(Alg.RSA_2048, Format.PKCS8));
    }
}
