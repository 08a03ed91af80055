package io.tokenbroker.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static io.tokenbroker.testsupport.Caller.caller;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tokenbroker.okta.TokenEndpoint;

/** POST /v1/authorize with Bearer tokens (the dev default). */
@QuarkusTest
class AuthorizeTest {

    @Inject
    TokenEndpoint tokenEndpoint;

    @Test
    void answersTheAuthorizationHeaderForOneRequest() {
        String token = caller().get("/v1/token").then().statusCode(200).extract().path("access_token");
        caller().contentType(ContentType.JSON)
                .body("{\"method\":\"GET\",\"url\":\"https://api.example.com/v1/users?limit=5\",\"scope\":\"tokens.read\"}")
                .post("/v1/authorize").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("headers.Authorization", startsWith("Bearer "))
                .body("headers.Authorization", equalTo("Bearer " + token));
    }

    @Test
    void badRequestsGetTheContractShape() {
        given().contentType(ContentType.JSON).body("{\"method\":\"GET\",\"url\":\"https://a.example\"}").post("/v1/authorize")
                .then().statusCode(403).body("error", equalTo("access_denied"));
        for (String body : new String[] { "{\"method\":\"GET\"}", "{\"method\":\"get it\",\"url\":\"https://a.example\"}",
                "{\"method\":\"GET\",\"url\":\"ftp://a.example/x\"}", "{\"method\":\"GET\",\"url\":\"/relative\"}", "{not json", "" }) {
            caller().contentType(ContentType.JSON).body(body).post("/v1/authorize")
                    .then().statusCode(400).body("error", equalTo("invalid_request"));
        }
        caller().contentType(ContentType.JSON)
                .body("{\"method\":\"GET\",\"url\":\"https://api.example.com\",\"scope\":\"okta.apps.manage\"}").post("/v1/authorize")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        caller().contentType(ContentType.URLENC).formParam("method", "GET").post("/v1/authorize")
                .then().statusCode(415).body("error", equalTo("invalid_request"));
    }

    @Test
    void noHeadersAreSignedForTheTokenEndpointItselfWhateverItsSpelling() {
        String endpoint = tokenEndpoint.uri().toString();
        String origin = io.tokenbroker.dpop.Htu.origin(endpoint);
        String path = tokenEndpoint.uri().getRawPath();
        for (String url : new String[] { endpoint, endpoint + "?x=1", endpoint + "/", origin.toUpperCase() + path }) {
            caller().contentType(ContentType.JSON).body("{\"method\":\"POST\",\"url\":\"" + url + "\"}").post("/v1/authorize")
                    .then().statusCode(400).body("error", equalTo("invalid_request"))
                    .body("error_description", containsString("token endpoint"));
        }
        caller().contentType(ContentType.JSON).body("{\"method\":\"GET\",\"url\":\"" + origin + "/elsewhere\"}").post("/v1/authorize")
                .then().statusCode(200);
    }

    @Test
    void aJsonMediaTypeWithParametersOrNoneIsRead() {
        String body = "{\"method\":\"GET\",\"url\":\"https://api.example.com/x\",\"unknown\":[1,2]}";
        caller().contentType("application/json; charset=utf-8").body(body).post("/v1/authorize")
                .then().statusCode(200).body("headers.Authorization", startsWith("Bearer "));
        caller().contentType("application/merge-patch+json").body(body).post("/v1/authorize")
                .then().statusCode(200).body("headers.Authorization", startsWith("Bearer "));
    }
}
