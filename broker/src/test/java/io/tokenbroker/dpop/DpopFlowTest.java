package io.tokenbroker.dpop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static io.tokenbroker.testsupport.Caller.caller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tokenbroker.profiles.DpopAlways;
import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.Assertions.Decoded;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.testsupport.VaultResource;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * DPoP end to end (broker.okta.dpop=always) against the DPoP-validating Okta stand-in: proofs on
 * token requests, the nonce dance, DPoP-bound tokens, proofs minted for callers and the forward proxy.
 */
@QuarkusTest
@TestProfile(DpopAlways.class)
class DpopFlowTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectStandIn
    OktaEmulator okta;

    @InjectStandIn
    VaultStandIn vault;

    @BeforeEach
    void cold() {
        StandIns.startCold(okta);
    }

    private static JsonPath token() {
        return caller().get("/v1/token").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath authorize(String method, String url, String nonce) {
        String body = "{\"method\":\"" + method + "\",\"url\":\"" + url + "\"" + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + "}";
        return caller().contentType(ContentType.JSON).body(body).post("/v1/authorize")
                .then().statusCode(200).extract().jsonPath();
    }

    private JwtClaims accessTokenClaims(String accessToken) throws Exception {
        var issuerKey = (PublicJsonWebKey) okta.issuer().jwks().getJsonWebKeys().get(0);
        return Assertions.verify(accessToken, issuerKey.getPublicKey()).claims();
    }

    private static String sha256(String text) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theNonceDanceRepeatsOnceWithTheNonceAFreshProofAndAFreshAssertion() throws Exception {
        okta.issuer().dpop().requireNonce(true);
        String nonce = okta.issuer().dpop().rotateNonce();

        long before = MutableClock.INSTANCE.instant().getEpochSecond();
        JsonPath answer = token();
        long after = MutableClock.INSTANCE.instant().getEpochSecond();

        assertThat(answer.getString("token_type")).isEqualTo("DPoP");
        assertThat(okta.tokenRequests()).isEqualTo(2);
        List<String> proofs = okta.dpopProofs();
        Decoded first = Assertions.verifyProof(proofs.get(0));
        Decoded second = Assertions.verifyProof(proofs.get(1));
        for (Decoded proof : List.of(first, second)) {
            assertThat(proof.header("typ")).isEqualTo("dpop+jwt");
            assertThat(proof.header("alg")).isEqualTo("ES384");
            Map<String, Object> jwk = proof.jws().getHeaders().getObjectHeaderValue("jwk") instanceof Map<?, ?> m
                    ? (Map<String, Object>) m : Map.of();
            assertThat(jwk).containsKeys("kty", "crv", "x", "y").doesNotContainKey("d");
            assertThat(proof.claims().getClaimValueAsString("htm")).isEqualTo("POST");
            assertThat(proof.claims().getClaimValueAsString("htu")).isEqualTo(okta.issuer().tokenUrl());
            // the broker's clock, read while the request ran (a second may tick over on a slow machine)
            assertThat(proof.claims().getIssuedAt().getValue()).isBetween(before, after);
        }
        assertThat(first.claims().getClaimValueAsString("nonce")).isNotEqualTo(nonce);
        assertThat(second.claims().getClaimValueAsString("nonce")).isEqualTo(nonce);
        assertThat(first.claims().getJwtId()).isNotEqualTo(second.claims().getJwtId());
        // the first assertion's jti was consumed by the server: the repeat carries a new assertion
        List<Map<String, String>> forms = okta.forms();
        assertThat(forms.get(0).get("client_assertion")).isNotEqualTo(forms.get(1).get("client_assertion"));
        // the token is bound to the key that signed the proofs: the DPoP key from Vault, not the client key
        Map<?, ?> cnf = (Map<?, ?>) accessTokenClaims(answer.getString("access_token")).getClaimValue("cnf");
        assertThat(cnf.get("jkt")).isEqualTo(Assertions.proofJkt(proofs.get(1)));
        String vaultDpopKey = vault.secret(VaultResource.DPOP_KV_PATH).orElseThrow()
                .get("private_key");
        assertThat(cnf.get("jkt")).isEqualTo(io.tokenbroker.key.Thumbprints.of(io.tokenbroker.key.PrivateKeyParser
                .parse(vaultDpopKey, java.util.Optional.empty(), "test").publicKey()));
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "broker_dpop_nonce_challenges_total{outcome=\"retried\",purpose=\"token\",server=\"default\"}"));
    }

    @Test
    void aNonceRotatedMidLifeIsAnsweredOnceAndTheLatestNonceIsKept() {
        okta.issuer().dpop().requireNonce(true);
        okta.issuer().dpop().rotateNonce();
        token();
        assertThat(okta.tokenRequests()).isEqualTo(2);

        // the next refresh reuses the nonce it learnt: one request
        MutableClock.INSTANCE.advance(java.time.Duration.ofHours(2));
        token();
        assertThat(okta.tokenRequests()).isEqualTo(3);

        // the server rotates its nonce while the token is mid-life: the background refresh (past the
        // refresh ratio, token still served) meets one challenge, repeats once with the new nonce
        String served = token().getString("access_token");
        String rotated = okta.issuer().dpop().rotateNonce();
        MutableClock.INSTANCE.advance(java.time.Duration.ofMinutes(55));
        assertThat(token().getString("access_token")).as("still served from the cache").isEqualTo(served);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !token().getString("access_token").equals(served));
        assertThat(okta.tokenRequests()).isEqualTo(5);
        String last = okta.dpopProofs().get(4);
        assertThat(Assertions.verifyProof(last).claims().getClaimValueAsString("nonce")).isEqualTo(rotated);
        assertThat(token().getString("token_type")).isEqualTo("DPoP");
    }

    @Test
    void aNonceChallengeWithoutANewNonceIsNotRepeated() {
        okta.answerNext(400, "{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof.\"}");
        caller().queryParam("scope", "tokens.write").get("/v1/token").then().statusCode(502)
                .body("error", equalTo("upstream_rejected"))
                .body("error_description", org.hamcrest.Matchers.containsString("use_dpop_nonce"));
        assertThat(okta.tokenRequests()).isEqualTo(1);
    }

    @Test
    void everyProofHasItsOwnJtiAndTheServerRefusesAReplayedOne() throws Exception {
        token();
        MutableClock.INSTANCE.advance(java.time.Duration.ofHours(2));
        token();
        List<String> proofs = okta.dpopProofs();
        assertThat(proofs).hasSize(2);
        assertThat(Assertions.verifyProof(proofs.get(0)).claims().getJwtId())
                .isNotEqualTo(Assertions.verifyProof(proofs.get(1)).claims().getJwtId());
        // the stand-in really checks: the same proof a second time is refused
        var form = okta.forms().get(1);
        assertThat(okta.issuer().token(Map.of("grant_type", "client_credentials", "scope", form.get("scope"),
                "client_assertion_type", form.get("client_assertion_type"), "client_assertion", form.get("client_assertion")),
                proofs.get(1)).status()).isIn(400, 401);
    }

    @Test
    void authorizeMintsAProofForExactlyThisMethodAndNormalisedUrl() throws Exception {
        JsonPath tokenAnswer = token();
        String accessToken = tokenAnswer.getString("access_token");

        JsonPath first = authorize("GET", "HTTPS://API.Example.COM:443/v1/users/./list?limit=5#top", "srv-nonce-1");
        assertThat(first.getString("headers.Authorization")).isEqualTo("DPoP " + accessToken);
        String proof = first.getString("headers.DPoP");
        Decoded decoded = Assertions.verifyProof(proof);
        assertThat(decoded.header("typ")).isEqualTo("dpop+jwt");
        assertThat(decoded.claims().getClaimValueAsString("htm")).isEqualTo("GET");
        assertThat(decoded.claims().getClaimValueAsString("htu")).isEqualTo("https://api.example.com/v1/users/list");
        assertThat(decoded.claims().getClaimValueAsString("ath")).isEqualTo(sha256(accessToken));
        assertThat(decoded.claims().getClaimValueAsString("nonce")).isEqualTo("srv-nonce-1");
        Map<?, ?> cnf = (Map<?, ?>) accessTokenClaims(accessToken).getClaimValue("cnf");
        assertThat(Assertions.proofJkt(proof)).isEqualTo(cnf.get("jkt"));

        Decoded other = Assertions.verifyProof(authorize("DELETE", "http://api.example.com:8080", null).getString("headers.DPoP"));
        assertThat(other.claims().getClaimValueAsString("htm")).isEqualTo("DELETE");
        assertThat(other.claims().getClaimValueAsString("htu")).isEqualTo("http://api.example.com:8080/");
        assertThat(other.claims().getJwtId()).isNotEqualTo(decoded.claims().getJwtId());
    }

    @Test
    void authorizeRefusesANonceThatIsNotAHeaderValue() {
        caller().contentType(ContentType.JSON)
                .body("{\"method\":\"GET\",\"url\":\"https://api.example.com/x\",\"nonce\":\"a\\\"b\"}").post("/v1/authorize")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void theProtectedApiAcceptsTheAuthorizeHeadersAndRefusesTheTokenAsBearer() throws Exception {
        String url = okta.baseUrl() + "/api/v1/users?limit=2";
        JsonPath headers = authorize("GET", url, null);
        HttpResponse<String> ok = call("GET", url, headers.getString("headers.Authorization"), headers.getString("headers.DPoP"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JsonPath.from(ok.body()).getBoolean("bound")).isTrue();

        String accessToken = headers.getString("headers.Authorization").substring("DPoP ".length());
        HttpResponse<String> asBearer = call("GET", url, "Bearer " + accessToken, null);
        assertThat(asBearer.statusCode()).isEqualTo(401);
        assertThat(asBearer.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("DPoP error=\"invalid_token\"");

        HttpResponse<String> replayed = call("GET", url, headers.getString("headers.Authorization"), headers.getString("headers.DPoP"));
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("jti has already been used");

        HttpResponse<String> otherMethod = call("POST", url, headers.getString("headers.Authorization"),
                authorize("GET", url, null).getString("headers.DPoP"));
        assertThat(otherMethod.statusCode()).isEqualTo(401);
        assertThat(otherMethod.body()).contains("htm");
    }

    @Test
    void aCallerPassesTheResourceServersNonceBack() throws Exception {
        okta.resources().requireNonce(true);
        // a fresh nonce: one the broker remembers from another test's proxied request (proofs carry it) is stale now
        okta.resources().rotateNonce();
        String url = okta.baseUrl() + "/api/v1/groups";
        JsonPath headers = authorize("GET", url, null);
        HttpResponse<String> challenge = call("GET", url, headers.getString("headers.Authorization"), headers.getString("headers.DPoP"));
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate").orElse("")).contains("use_dpop_nonce");
        String nonce = challenge.headers().firstValue("DPoP-Nonce").orElseThrow();

        JsonPath retry = authorize("GET", url, nonce);
        HttpResponse<String> ok = call("GET", url, retry.getString("headers.Authorization"), retry.getString("headers.DPoP"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void theProxyAttachesTokenAndProofAndAnswersTheNonceChallengeOnce() {
        okta.resources().requireNonce(true);
        String nonce = okta.resources().rotateNonce();
        String body = caller().urlEncodingEnabled(false).get("/v1/proxy/api/v1/users?limit=2&q=a%20b")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().asString();
        assertThat(JsonPath.from(body).getBoolean("bound")).isTrue();
        assertThat(okta.resourceTargets()).containsExactly("GET /api/v1/users?limit=2&q=a%20b",
                "GET /api/v1/users?limit=2&q=a%20b");
        Decoded repeat = Assertions.verifyProof(okta.resourceProofs().get(1));
        assertThat(repeat.claims().getClaimValueAsString("nonce")).isEqualTo(nonce);
        assertThat(repeat.claims().getClaimValueAsString("htu")).isEqualTo(okta.baseUrl() + "/api/v1/users");

        // the nonce is remembered: the next proxied request needs no challenge
        caller().contentType(ContentType.JSON).body("{\"profile\":{}}")
                .post("/v1/proxy/api/v1/users").then().statusCode(200).body("method", equalTo("POST"))
                .body("body", equalTo("{\"profile\":{}}"));
        assertThat(okta.resourceTargets()).hasSize(3);
    }

    @Test
    void aProxiedRequestRepeatedForANonceCarriesItsBodyAgain() {
        okta.resources().requireNonce(true);
        okta.resources().rotateNonce();
        caller().contentType(ContentType.JSON).body("{\"profile\":{\"login\":\"a\"}}")
                .post("/v1/proxy/api/v1/users").then().statusCode(200).body("method", equalTo("POST"))
                .body("body", equalTo("{\"profile\":{\"login\":\"a\"}}"));
        assertThat(okta.resourceTargets()).containsExactly("POST /api/v1/users", "POST /api/v1/users");
    }

    @Test
    void theProxyReachesTheOktaDomainOnlyAndRefusesDotSegments() {
        var doubled = caller().urlEncodingEnabled(false).get("/v1/proxy//api/v1/users");
        assertThat(doubled.statusCode()).as(doubled.asString()).isEqualTo(200);
        assertThat(okta.resourceTargets()).containsExactly("GET /api/v1/users");
        for (String path : List.of("/v1/proxy/api/%2e%2e/oauth2/v1/token", "/v1/proxy/api/v1%2fusers")) {
            int status = caller().urlEncodingEnabled(false).get(path).then().extract().statusCode();
            assertThat(status).as(path).isIn(400, 404);
        }
        assertThat(okta.resourceTargets()).hasSize(1);
        given().get("/v1/proxy/api/v1/users").then().statusCode(403);
        for (String method : List.of("HEAD", "OPTIONS", "TRACE")) {
            int status = caller().request(method, "/v1/proxy/api/v1/users").then().extract().statusCode();
            assertThat(status).as(method).isEqualTo(405);
        }
        caller().options("/v1/proxy/api/v1/users").then().body("error", org.hamcrest.Matchers.equalTo("invalid_request"));
        assertThat(okta.resourceTargets()).hasSize(1);
    }

    @Test
    void theProxyStopsReadingAnAnswerOnceItPassesTheLimit() {
        long offered = 64L * 1024 * 1024; // the profile's limit is 1 MiB
        okta.streamNextResource(offered);
        caller().get("/v1/proxy/api/v1/users").then().statusCode(502)
                .body("error_description", org.hamcrest.Matchers.containsString("max-response-size"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> okta.streamedBytes() >= 0);
        // the connection was reset while the answer streamed: far less than offered was written
        assertThat(okta.streamedBytes()).isLessThan(offered / 2);
        caller().get("/v1/proxy/api/v1/users").then().statusCode(200);
    }

    @Test
    void authorizeSignsProofsForTheOktaDomainAndTheConfiguredOriginsOnly() {
        String domain = okta.baseUrl();
        int port = URI.create(domain).getPort();
        for (String url : List.of("https://evil.example/x", "http://127.0.0.1:" + (port == 65535 ? 1 : port + 1) + "/api/v1/users",
                "http://localhost:" + port + "/api/v1/users", "https://api.example.com.evil.example/x")) {
            caller().contentType(ContentType.JSON)
                    .body("{\"method\":\"GET\",\"url\":\"" + url + "\"}").post("/v1/authorize")
                    .then().statusCode(400).body("error", equalTo("invalid_request"));
        }
        assertThat(authorize("GET", domain.toUpperCase(java.util.Locale.ROOT) + "/api/v1/users", null)
                .getString("headers.DPoP")).isNotBlank();
        assertThat(okta.resourceProofs()).isEmpty();
    }

    @Test
    void noProofTokenOrAssertionReachesTheLog() throws Exception {
        okta.issuer().dpop().requireNonce(true);
        okta.issuer().dpop().rotateNonce();
        String accessToken = token().getString("access_token");
        List<String> secrets = new ArrayList<>(List.of(accessToken));
        secrets.add(authorize("GET", "https://api.example.com/x", "n").getString("headers.DPoP"));
        caller().get("/v1/proxy/api/v1/users").then().statusCode(200);
        secrets.addAll(okta.dpopProofs());
        secrets.addAll(okta.resourceProofs());
        okta.forms().forEach(form -> secrets.add(form.get("client_assertion")));
        String dpopPem = vault.secret(VaultResource.DPOP_KV_PATH).orElseThrow()
                .get("private_key");
        for (String line : dpopPem.split("\n")) {
            if (!line.startsWith("-----") && line.length() > 20) {
                secrets.add(line);
            }
        }

        String log = Files.readString(Path.of("target/test-logs/dpop.log"));
        assertThat(log).contains("token issued").contains("type=DPoP jkt=");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
            if (secret.contains(".")) {
                assertThat(log).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
            }
        }
    }

    private static HttpResponse<String> call(String method, String url, String authorization, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
