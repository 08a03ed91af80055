package io.tokenbroker.vault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.VaultShortLease;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * A broker that runs for days outlives many Vault token leases. With Kubernetes auth tokens that
 * live 3 s, key re-reads keep working: quarkus-vault renews or logs in again by itself.
 */
@QuarkusTest
@TestProfile(VaultShortLease.class)
class VaultLeaseRenewalTest {

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    @Test
    void keyReReadsKeepWorkingAcrossExpiredVaultTokens() {
        StandIns.startCold(okta);
        long loginsAtStart = vault.count("POST", "/v1/auth/kubernetes/login");
        assertThat(loginsAtStart).isGreaterThanOrEqualTo(1);
        long readsAtStart = vault.count("GET", "/v1/secret/data/");

        // keep asking for re-reads until well past several token lifetimes (real time: quarkus-vault's own clock)
        // and until at least five re-reads happened: on a slow machine that takes more rounds, never fewer
        long started = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            MutableClock.INSTANCE.advance(Duration.ofMinutes(6));
            StandIns.startCold(okta);
            caller().get("/v1/token").then().statusCode(200);
            return System.nanoTime() - started > Duration.ofSeconds(8).toNanos()
                    && vault.count("GET", "/v1/secret/data/") - readsAtStart >= 5;
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks[0].data", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("key_refresh_error"))));

        long reads = vault.count("GET", "/v1/secret/data/") - readsAtStart;
        long logins = vault.count("POST", "/v1/auth/kubernetes/login") - loginsAtStart;
        long renewals = vault.count("POST", "/v1/auth/token/renew-self");
        System.out.printf("quarkus-vault with 3 s Kubernetes-auth tokens: %d key re-reads, %d further logins, %d renew-self%n",
                reads, logins, renewals);
        assertThat(reads).as("key re-reads").isGreaterThanOrEqualTo(5);
        assertThat(logins + renewals).as("re-logins + renewals after the first login").isGreaterThanOrEqualTo(1);
        assertThat(vault.requests()).as("no request was refused for an expired token")
                .noneMatch(r -> r.path().startsWith("/v1/secret/") && r.status() == 403);
    }
}
