package io.tokenbroker.dpop;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.BrokerConfig.DpopMode;
import io.tokenbroker.testsupport.TestConfig;

/** The DPoP collaborators of a token request wired by hand (generated key), for plain unit tests elsewhere. */
public record HandWiredDpop(DpopPolicy policy, DpopProofSigner proofs, DpopNonces nonces, DpopMetrics metrics) {

    public static HandWiredDpop of(DpopMode mode, Clock clock) {
        BrokerConfig config = TestConfig.broker(Map.of("broker.okta.dpop", mode.name().toLowerCase(Locale.ROOT)));
        DpopMetrics metrics = new DpopMetrics(new SimpleMeterRegistry());
        DpopNonces nonces = new DpopNonces();
        // no broker.dpop.key.vault-path: the key is generated, Vault, Vert.x and the pause are never used
        DpopKeys keys = new DpopKeys(config, null, clock, null, null);
        return new HandWiredDpop(new DpopPolicy(config, metrics), new DpopProofSigner(keys, nonces, clock, metrics), nonces,
                metrics);
    }
}
