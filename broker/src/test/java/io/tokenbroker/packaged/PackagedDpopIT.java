package io.tokenbroker.packaged;

import static io.tokenbroker.testsupport.Caller.caller;
import static io.tokenbroker.testsupport.Caller.servedToken;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tokenbroker.profiles.PackagedDpop;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.emulator.OktaEmulator;

/** The packaged broker binding its tokens to a DPoP key from Vault, and signing proofs for one request. */
@QuarkusIntegrationTest
@TestProfile(PackagedDpop.class)
class PackagedDpopIT {

    @InjectStandIn
    OktaEmulator okta;

    @Test
    void tokensAreDpopBoundAndAuthorizeHeadersOpenTheProtectedApi() throws Exception {
        assertThat(servedToken().<String>path("token_type")).isEqualTo("DPoP");
        assertThat(okta.dpopProofs()).isNotEmpty();
        String tokenEndpointProof = okta.dpopProofs().get(okta.dpopProofs().size() - 1);

        String url = okta.baseUrl() + "/api/v1/users?limit=2";
        JsonPath headers = caller().contentType(ContentType.JSON).body("{\"method\":\"GET\",\"url\":\"" + url + "\"}")
                .post("/v1/authorize").then().statusCode(200).extract().jsonPath();
        String proof = headers.getString("headers.DPoP");
        // one DPoP key for the token request and the resource request: the one the token is bound to
        assertThat(Assertions.proofJkt(proof)).isEqualTo(Assertions.proofJkt(tokenEndpointProof));
        assertThat(Assertions.verifyProof(proof).claims().getStringClaimValue("htm")).isEqualTo("GET");

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", headers.getString("headers.Authorization")).header("DPoP", proof).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JsonPath.from(answer.body()).getBoolean("bound")).isTrue();
    }
}
