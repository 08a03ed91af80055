package io.tokenbroker.profiles;

import java.util.Map;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;
import io.tokenbroker.testsupport.VaultOptions;

/** RSA client key in Vault; a P-384 DPoP key in Vault too; DPoP on every token request; the forward proxy enabled. */
public class DpopAlways extends StandInProfile {
    public DpopAlways() {
        super(BrokerKey.vault(Alg.RSA_2048, Format.PKCS8), VaultOptions.defaults().dpopKey(Alg.P384));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // every broker logger at DEBUG into a file that DpopFlowTest searches for proofs and tokens
        return Map.of("broker.okta.dpop", "always", "broker.proxy.enabled", "true", "broker.proxy.max-response-size", "1M",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.category.\"org.apache.http\".level", "INFO",
                "quarkus.log.file.path", "target/test-logs/dpop.log",
                "quarkus.log.file.level", "ALL",
                "quarkus.log.level", "DEBUG",
                "quarkus.log.min-level", "TRACE");
    }
}
