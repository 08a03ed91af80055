package io.tokenbroker.profiles;

import java.util.Map;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** RSA 2048 PKCS#8 PEM in Vault KV v2 with kid and client_id fields; Vault token auth. */
public class VaultRsaPkcs8 extends StandInProfile {
    public VaultRsaPkcs8() {
        super(BrokerKey.vault(Alg.RSA_2048, Format.PKCS8));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // every broker logger at DEBUG into a file that SecretsNeverLoggedTest searches; the test HTTP
        // client (rest-assured's Apache client, not part of the broker) is kept out of it
        // SingleFlightTest and ThousandCallersTest hold the stand-in's answer until every caller has sent:
        // on a loaded machine that can outlast the 10 s defaults, and a read timeout would then retry (a
        // second upstream request the test would count). Long bounds keep those counts about behaviour.
        return Map.of("broker.okta.read-timeout", "60s", "broker.token.max-wait", "60s",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.category.\"org.apache.http\".level", "INFO",
                "quarkus.log.file.path", "target/test-logs/vault-rsa.log",
                "quarkus.log.file.level", "ALL",
                "quarkus.log.level", "DEBUG",
                "quarkus.log.min-level", "TRACE");
    }
}
