package io.tokenbroker.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static io.tokenbroker.testsupport.Caller.caller;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.DpopNever;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/** broker.okta.dpop=never: no proof, ever; an app that requires DPoP is a clear rejection; the proxy is off. */
@QuarkusTest
@TestProfile(DpopNever.class)
class DpopNeverTest {

    @InjectStandIn
    OktaEmulator okta;

    @Test
    void neverModeSendsNoProofAndReportsTheServersRefusal() {
        StandIns.startCold(okta);
        okta.issuer().dpop().require(true);
        caller().get("/v1/token").then().statusCode(502)
                .body("error", equalTo("upstream_rejected"))
                .body("error_description", containsString("invalid_dpop_proof"));
        assertThat(okta.tokenRequests()).isEqualTo(1);
        assertThat(okta.dpopProofs()).containsExactly("");
    }

    @Test
    void theProxyIsOffByDefault() {
        caller().get("/v1/proxy/api/v1/users").then().statusCode(404)
                .body("error", equalTo("not_found"));
        assertThat(okta.resourceTargets()).isEmpty();
    }
}
