package io.tokenbroker.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static io.tokenbroker.testsupport.Caller.caller;

import java.time.Instant;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.HealthData;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.TestKey;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * The happy path of the whole token path, run for every key type and key source by the
 * subclasses (each with its own test profile and stand-ins).
 */
public abstract class TokenFlowTestBase {

    @InjectStandIn
    protected OktaEmulator okta;

    @InjectStandIn
    protected TestKey key;

    @InjectStandIn
    protected VaultStandIn vault;


    @BeforeEach
    void startCold() {
        StandIns.startCold(okta);
    }


    @Test
    void servesASignedTokenForTheDefaultScopes() throws Exception {
        Response response = caller().get("/v1/token").then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("tokens.read"))
                .body("expires_in", greaterThanOrEqualTo(3500))
                .body("expires_in", lessThanOrEqualTo(3600))
                .extract().response();
        String token = response.path("access_token");
        long expiresAt = ((Number) response.path("expires_at")).longValue();
        JsonWebKeySet issuerKeys = okta.issuer().jwks();
        var decoded = Assertions.verify(token, ((PublicJsonWebKey) issuerKeys.getJsonWebKeys().get(0)).getPublicKey());
        assertThat(decoded.claims().getSubject()).isEqualTo(OktaResource.CLIENT_ID);
        assertThat(decoded.claims().getStringListClaimValue("scp")).containsExactly("tokens.read");
        assertThat(expiresAt).isBetween(MutableClock.INSTANCE.instant().getEpochSecond() + 3500, decoded.claims().getExpirationTime().getValue());
    }

    @Test
    void theAssertionCarriesEveryRequiredClaimAndAFreshJtiPerAttempt() throws Exception {
        caller().queryParam("scope", "tokens.write").get("/v1/token").then().statusCode(200);
        caller().queryParam("scope", "tokens.write tokens.read").get("/v1/token").then().statusCode(200);
        assertThat(okta.forms()).hasSize(2);

        Map<String, String> first = okta.forms().get(0);
        assertThat(first).containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "tokens.write")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        var assertion = Assertions.verify(first.get("client_assertion"), key.pair().getPublic());
        assertThat(assertion.header("alg")).isEqualTo(key.expectedAlgorithm());
        assertThat(assertion.header("kid")).isEqualTo(expectedKid());
        var claims = assertion.claims();
        assertThat(claims.getIssuer()).isEqualTo(OktaResource.CLIENT_ID);
        assertThat(claims.getSubject()).isEqualTo(OktaResource.CLIENT_ID);
        assertThat(claims.getAudience()).containsExactly(okta.issuer().tokenUrl());
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300);
        assertThat(Math.abs(claims.getIssuedAt().getValue() - MutableClock.INSTANCE.instant().getEpochSecond())).isLessThan(30);
        // 256 random bits, base64url: 43 characters; at least 128 bits required
        assertThat(claims.getJwtId()).hasSizeGreaterThanOrEqualTo(22);

        var second = Assertions.verify(okta.forms().get(1).get("client_assertion"),
                key.pair().getPublic());
        assertThat(second.claims().getJwtId()).isNotEqualTo(claims.getJwtId());
        assertThat(okta.forms().get(1)).containsEntry("scope", "tokens.read tokens.write");
    }

    @Test
    void healthDataTellsTheKeySourceKindButNeitherTheKeysLocationNorItsKid() {
        caller().get("/v1/token").then().statusCode(200);
        HealthData.assertNamesNoKeyLocationNorKid(expectedKid());
    }

    /** The kid the broker should put in the header: the one the key source holds. */
    protected String expectedKid() {
        return key.kid();
    }
}
