package io.tokenbroker.profiles;

import java.time.Duration;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;
import io.tokenbroker.testsupport.VaultOptions;

/** EC P-256 private JWK (with kid) in Vault; client id from configuration; Vault Kubernetes auth. */
public class VaultEcJwk extends StandInProfile {
    public VaultEcJwk() {
        super(BrokerKey.vault(Alg.P256, Format.JWK).clientIdInConfig(), VaultOptions.defaults().kubernetesAuth(Duration.ofDays(400)));
    }
}
