package io.tokenbroker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.tokenbroker.cli.GeneratedKey;

/**
 * The packaged broker against a real, independent authorization server: Keycloak from Maven Central,
 * configured through its admin REST API only. RSA and EC keys, tokens Keycloak accepts on
 * introspection, and recovery when Keycloak restarts mid-run. Skip with -DskipInterop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakInteropIT {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static KeycloakServer keycloak;
    private static BrokerProcess rsaBroker;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = new KeycloakServer();
        keycloak.resetData();
        keycloak.start();
        keycloak.createRealm(List.of("tokens.read", "tokens.write"));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (rsaBroker != null) {
            rsaBroker.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    private static BrokerProcess broker(String clientId, GeneratedKey key) throws Exception {
        return broker(clientId, key, false);
    }

    private static BrokerProcess broker(String clientId, GeneratedKey key, boolean requireDpop) throws Exception {
        keycloak.createJwtClient(clientId, key.publicJwks(), List.of("tokens.read", "tokens.write"), requireDpop);
        Path keyFile = Files.createTempFile(Path.of("target"), clientId, ".pem");
        Files.writeString(keyFile, key.pkcs8Pem());
        return new BrokerProcess(clientId, Map.of(
                "BROKER_OKTA_TOKEN_URL", keycloak.tokenUrl(),
                "BROKER_OKTA_CLIENT_ID", clientId,
                "BROKER_OKTA_DEFAULT_SCOPES", "tokens.read",
                "BROKER_OKTA_ALLOWED_SCOPES", "tokens.read,tokens.write",
                "BROKER_KEY_SOURCE", "file",
                "BROKER_KEY_FILE", keyFile.toString(),
                "BROKER_KEY_KID", key.kid()));
    }

    private static String accessToken(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Matcher m = TOKEN.matcher(answer.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    @Order(1)
    void anRsaKeyedBrokerGetsATokenKeycloakAcceptsOnIntrospection() throws Exception {
        rsaBroker = broker("broker-rsa", GeneratedKey.generate("RS256", 2048, null));
        String token = accessToken(rsaBroker.token("tokens.read"));
        var introspection = keycloak.introspect(token);
        assertThat(introspection.path("active").asBoolean()).as(introspection.toString()).isTrue();
        assertThat(introspection.path("client_id").asText()).isEqualTo("broker-rsa");
        assertThat(introspection.path("scope").asText()).contains("tokens.read");
    }

    @Test
    @Order(2)
    void aSecondRealmIsASecondServerOfTheSameBroker() throws Exception {
        keycloak.createRealm("partners", List.of("partners.read"));
        GeneratedKey key = GeneratedKey.generate("ES256", null, null);
        keycloak.createJwtClient(KeycloakServer.REALM, "broker-two", key.publicJwks(), List.of("tokens.read"), false);
        keycloak.createJwtClient("partners", "broker-two", key.publicJwks(), List.of("partners.read"), false);
        Path keyFile = Files.createTempFile(Path.of("target"), "broker-two", ".pem");
        Files.writeString(keyFile, key.pkcs8Pem());
        try (BrokerProcess broker = new BrokerProcess("broker-two", Map.of(
                "BROKER_OKTA_TOKEN_URL", keycloak.tokenUrl(), "BROKER_OKTA_CLIENT_ID", "broker-two",
                "BROKER_OKTA_DEFAULT_SCOPES", "tokens.read",
                "BROKER_KEY_SOURCE", "file", "BROKER_KEY_FILE", keyFile.toString(), "BROKER_KEY_KID", key.kid(),
                "BROKER_SERVERS_PARTNERS_TOKEN_URL", keycloak.tokenUrl("partners"),
                "BROKER_SERVERS_PARTNERS_DEFAULT_SCOPES", "partners.read"))) {
            String first = accessToken(broker.token(null));
            String second = accessToken(broker.tokenFrom("partners"));
            assertThat(claims(first).path("iss").asText()).endsWith("/realms/" + KeycloakServer.REALM);
            assertThat(claims(second).path("iss").asText()).endsWith("/realms/partners");
            var introspection = keycloak.introspect("partners", second);
            assertThat(introspection.path("active").asBoolean()).as(introspection.toString()).isTrue();
            assertThat(introspection.path("scope").asText()).contains("partners.read");
            assertThat(broker.tokenFrom("elsewhere").statusCode()).isEqualTo(400);
        }
    }

    @Test
    @Order(2)
    void anEcKeyedBrokerGetsATokenToo() throws Exception {
        try (BrokerProcess ec = broker("broker-ec", GeneratedKey.generate("ES256", null, null))) {
            String token = accessToken(ec.token("tokens.read tokens.write"));
            var introspection = keycloak.introspect(token);
            assertThat(introspection.path("active").asBoolean()).as(introspection.toString()).isTrue();
            assertThat(introspection.path("scope").asText()).contains("tokens.read").contains("tokens.write");
        }
    }

    @Test
    @Order(2)
    void aClientRequiringDpopGetsABoundTokenThatKeycloakAcceptsOnlyWithAProof() throws Exception {
        try (BrokerProcess dpop = broker("broker-dpop", GeneratedKey.generate("ES256", null, null), true)) {
            // broker.okta.dpop=auto: Bearer first, Keycloak answers invalid_dpop_proof, the broker switches
            HttpResponse<String> answer = dpop.token("tokens.read");
            String token = accessToken(answer);
            assertThat(answer.body()).contains("\"token_type\":\"DPoP\"");
            var introspection = keycloak.introspect(token);
            assertThat(introspection.path("active").asBoolean()).as(introspection.toString()).isTrue();

            HttpResponse<String> headers = dpop.authorize("GET", keycloak.userinfoUrl(), "tokens.read");
            assertThat(headers.statusCode()).as(headers.body()).isEqualTo(200);
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(headers.body()).path("headers");
            String proof = json.path("DPoP").asText();
            assertThat(json.path("Authorization").asText()).isEqualTo("DPoP " + token);
            String jkt = io.tokenbroker.testsupport.Assertions.proofJkt(proof);
            assertThat(claims(token).path("cnf").path("jkt").asText()).isEqualTo(jkt);

            // Keycloak's userinfo endpoint checks the binding: the token without a proof is refused
            var http = java.net.http.HttpClient.newHttpClient();
            var asBearer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(keycloak.userinfoUrl()))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asBearer.statusCode()).as(asBearer.body()).isEqualTo(401);
            var withProof = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(keycloak.userinfoUrl()))
                    .header("Authorization", "DPoP " + token).header("DPoP", proof).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asBearer.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
            // with the proof the binding checks pass; userinfo then wants the openid scope, which this token lacks
            assertThat(withProof.statusCode()).as(withProof.headers().map() + " " + withProof.body()).isEqualTo(403);
            assertThat(withProof.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("DPoP ")
                    .contains("error=\"insufficient_scope\"");
            // a proof for another URL is refused by the same endpoint: Keycloak does check htu
            String otherProof = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    dpop.authorize("GET", keycloak.userinfoUrl() + "/other", "tokens.read").body()).path("headers").path("DPoP").asText();
            var wrongUrl = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(keycloak.userinfoUrl()))
                    .header("Authorization", "DPoP " + token).header("DPoP", otherProof).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongUrl.statusCode()).isEqualTo(401);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(payload));
    }

    @Test
    @Order(3)
    void keycloakRestartedMidRunTheBrokerServesFromCacheThenRecovers() throws Exception {
        String cached = accessToken(rsaBroker.token("tokens.read"));
        keycloak.stop();
        assertThat(accessToken(rsaBroker.token("tokens.read"))).isEqualTo(cached); // Keycloak down: the cache serves
        HttpResponse<String> unavailable = rsaBroker.token("tokens.write");            // nothing cached for this one
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();

        keycloak.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rsaBroker.token("tokens.write").statusCode() == 200);
        String fresh = accessToken(rsaBroker.token("tokens.write"));
        assertThat(keycloak.introspect(fresh).path("active").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void aKeyRotatedUnderLoadFailsNoRequest() throws Exception {
        GeneratedKey oldKey = GeneratedKey.generate("RS256", 2048, "rot-old");
        keycloak.createJwtClient("broker-rot", oldKey.publicJwks(), List.of("tokens.read", "tokens.write"));
        Path keyFile = Path.of("target/broker-rot.jwk.json");
        Files.writeString(keyFile, oldKey.privateJwk());
        try (BrokerProcess broker = new BrokerProcess("broker-rot", Map.of(
                "BROKER_OKTA_TOKEN_URL", keycloak.tokenUrl(), "BROKER_OKTA_CLIENT_ID", "broker-rot",
                "BROKER_OKTA_DEFAULT_SCOPES", "tokens.read", "BROKER_OKTA_ALLOWED_SCOPES", "tokens.read,tokens.write",
                "BROKER_KEY_SOURCE", "file", "BROKER_KEY_FILE", keyFile.toString(),
                "BROKER_VAULT_REFRESH_INTERVAL", "1s", "BROKER_TOKEN_MIN_VALIDITY", "295s"))) {
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.Map<Integer, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
            Thread caller = new Thread(() -> {
                while (running.get()) {
                    try {
                        int status = broker.token("tokens.read").statusCode();
                        if (status == 200) {
                            served.incrementAndGet();
                        } else {
                            failures.merge(status, 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        failures.merge(-1, 1, Integer::sum);
                    }
                }
            });
            caller.start();
            try {
                GeneratedKey newKey = GeneratedKey.generate("ES256", null, "rot-new");
                // 1. register the new key next to the old one; 2. switch the broker's key (re-read without restart)
                String both = "{\"keys\":[" + oldKey.publicJwk().toJson() + "," + newKey.publicJwk().toJson() + "]}";
                keycloak.setJwks("broker-rot", both);
                Files.writeString(keyFile, newKey.privateJwk());
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> broker.logTail().contains("kid=rot-new"));
                // 3. a token signed with the new key (a scope set not cached yet); 4. the old key removed
                accessToken(broker.token("tokens.write"));
                keycloak.setJwks("broker-rot", "{\"keys\":[" + newKey.publicJwk().toJson() + "]}");
                String afterRemoval = accessToken(broker.token("tokens.read tokens.write"));
                assertThat(keycloak.introspect(afterRemoval).path("active").asBoolean()).isTrue();
                // the caller keeps being served after the old key is gone (an event, not a rate)
                int atRemoval = served.get();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> served.get() > atRemoval);
            } finally {
                running.set(false);
                caller.join(30_000);
            }
            assertThat(failures).as("failed requests during the rotation").isEmpty();
            assertThat(served.get()).isPositive();
        }
    }
}
