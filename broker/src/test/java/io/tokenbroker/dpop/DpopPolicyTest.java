package io.tokenbroker.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.BrokerConfig.DpopMode;

/** Which answers make auto mode switch to DPoP: Okta's and Keycloak's ways of saying "proof required". */
class DpopPolicyTest {

    private static DpopPolicy policy(DpopMode mode) {
        BrokerConfig.Okta okta = (BrokerConfig.Okta) Proxy.newProxyInstance(DpopPolicyTest.class.getClassLoader(),
                new Class<?>[] { BrokerConfig.Okta.class }, (p, method, args) -> method.getName().equals("dpop") ? mode : null);
        BrokerConfig config = (BrokerConfig) Proxy.newProxyInstance(DpopPolicyTest.class.getClassLoader(),
                new Class<?>[] { BrokerConfig.class }, (p, method, args) -> method.getName().equals("okta") ? okta : null);
        return new DpopPolicy(config, new DpopMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void autoSwitchesOnOktasAndKeycloaksAnswersAndStaysSwitched() {
        DpopPolicy okta = policy(DpopMode.AUTO);
        assertThat(okta.active()).isFalse();
        assertThat(okta.switchesOn("invalid_dpop_proof", "The DPoP proof JWT header is missing.")).isTrue();
        assertThat(okta.active()).isTrue();

        DpopPolicy keycloak = policy(DpopMode.AUTO);
        assertThat(keycloak.switchesOn("invalid_request", "refused: invalid_request: DPoP proof is missing")).isTrue();
        assertThat(keycloak.active()).isTrue();
    }

    @Test
    void otherRejectionsAndOtherModesDoNotSwitch() {
        DpopPolicy auto = policy(DpopMode.AUTO);
        assertThat(auto.switchesOn("invalid_client", "The client_assertion signature is invalid.")).isFalse();
        assertThat(auto.switchesOn("invalid_request", "scope missing")).isFalse();
        assertThat(auto.active()).isFalse();

        DpopPolicy never = policy(DpopMode.NEVER);
        assertThat(never.switchesOn("invalid_dpop_proof", "missing")).isFalse();
        assertThat(never.active()).isFalse();
        assertThat(policy(DpopMode.ALWAYS).active()).isTrue();
    }
}
