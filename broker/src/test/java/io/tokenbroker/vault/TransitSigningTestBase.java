package io.tokenbroker.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.HealthData;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.vault.VaultStandIn;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.VaultResource;
import io.tokenbroker.emulator.OktaEmulator;

/** Transit signing, for RSA and EC subclasses. */
abstract class TransitSigningTestBase {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    abstract String algorithm();

    abstract Map<String, String> expectedSignOptions();

    @Test
    void theAssertionSignedByVaultVerifiesWithThePublishedKey() throws Exception {
        StandIns.startCold(okta);
        caller().get("/v1/token").then().statusCode(200);
        var publicKey = vault.transitPublicKey(VaultResource.TRANSIT_KEY, 1);
        var assertion = Assertions.verify(okta.lastForm().get("client_assertion"), publicKey);
        assertThat(assertion.header("alg")).isEqualTo(algorithm());
        assertThat(assertion.header("kid")).isEqualTo(Thumbprints.of(publicKey));
        assertThat(assertion.claims().getIssuer()).isEqualTo(OktaResource.CLIENT_ID);
        assertThat(assertion.claims().getJwtId()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(vault.transitSignRequests()).last().satisfies(request ->
                assertThat(request).containsAllEntriesOf(expectedSignOptions()).containsEntry("key_version", "1"));
    }

    @Test
    void healthDataTellsTheKeySourceKindButNeitherTheTransitKeyNameNorTheKid() {
        StandIns.startCold(okta);
        caller().get("/v1/token").then().statusCode(200);
        HealthData.assertNamesNoKeyLocationNorKid(Thumbprints.of(vault.transitPublicKey(VaultResource.TRANSIT_KEY, 1)));
    }

    @Test
    void vaultUnavailableDuringARefreshStillServesTheCachedToken() throws Exception {
        StandIns.startCold(okta);
        String token = caller().get("/v1/token").then().statusCode(200).extract().path("access_token");
        vault.setMode(VaultStandIn.Mode.SEALED);
        try {
            MutableClock.INSTANCE.advance(Duration.ofSeconds(3200)); // refresh due, token still servable
            for (int i = 0; i < 5; i++) {
                assertThat(caller().get("/v1/token").then().statusCode(200)
                        .extract().<String>path("access_token")).isEqualTo(token);
            }
        } finally {
            vault.setMode(VaultStandIn.Mode.UP);
        }
    }
}
