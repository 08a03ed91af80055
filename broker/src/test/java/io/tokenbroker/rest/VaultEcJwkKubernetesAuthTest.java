package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.VaultEcJwk;

@QuarkusTest
@TestProfile(VaultEcJwk.class)
class VaultEcJwkKubernetesAuthTest extends TokenFlowTestBase {

    @Test
    void theBrokerLoggedInToVaultWithItsServiceAccountToken() {
        assertThat(vault.count("POST", "/v1/auth/kubernetes/login")).isGreaterThanOrEqualTo(1);
        assertThat(vault.count("GET", "/v1/secret/data/token-broker/okta")).isGreaterThanOrEqualTo(1);
    }
}
