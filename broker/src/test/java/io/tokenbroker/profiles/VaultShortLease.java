package io.tokenbroker.profiles;

import java.time.Duration;
import java.util.Map;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;
import io.tokenbroker.testsupport.TimeSource;
import io.tokenbroker.testsupport.VaultOptions;

/** Vault Kubernetes auth handing out tokens that live 3 s (real time), to see how quarkus-vault renews. */
public class VaultShortLease extends StandInProfile {
    public VaultShortLease() {
        super(BrokerKey.vault(Alg.P256, Format.PKCS8),
                VaultOptions.defaults().kubernetesAuth(Duration.ofSeconds(3)).on(TimeSource.SYSTEM));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.vault.renew-grace-period", "1s");
    }
}
