package io.tokenbroker.packaged;

import static io.tokenbroker.testsupport.Caller.servedToken;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.PackagedTransit;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.TestKey;
import io.tokenbroker.emulator.OktaEmulator;

/** The packaged broker (jar, or native executable with -Dnative) signing through Vault Transit. */
@QuarkusIntegrationTest
@TestProfile(PackagedTransit.class)
class PackagedTransitIT {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    TestKey key;

    @Test
    void vaultTransitSignsTheAssertionTheServedTokenWasIssuedFor() throws Exception {
        String token = servedToken().path("access_token");
        assertThat(okta.issuedTokens()).contains(token);

        var assertion = Assertions.verify(okta.lastForm().get("client_assertion"), key.pair().getPublic());
        assertThat(key.pair().getPublic()).isInstanceOf(RSAPublicKey.class);
        assertThat(assertion.header("alg")).isEqualTo("RS256");
        assertThat(assertion.claims().getAudience()).containsExactly(okta.issuer().tokenUrl());
        assertThat(assertion.claims().getIssuer()).isEqualTo(OktaResource.CLIENT_ID);
    }
}
