package floor;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * The broker's subsystems, each used once and nothing more: at start-up the key is read from Vault KV v2
 * (quarkus-vault), an RS256 client assertion signed (smallrye-jwt) and traded for a token through a REST
 * client (Jackson reads the answer); then {@code GET /v1/token} serves that token from a Vert.x route,
 * counted by Micrometer, and readiness is UP once it is there. No cache policy, refresh, errors or
 * checks: a measuring floor, never a broker.
 */
@ApplicationScoped
@Readiness
public class Floor implements HealthCheck {

    @RegisterRestClient(configKey = "okta")
    public interface TokenApi {
        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        Uni<Answer> token(@FormParam("grant_type") String grantType, @FormParam("scope") String scope,
                @FormParam("client_assertion_type") String assertionType, @FormParam("client_assertion") String assertion);
    }

    public record Answer(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }

    private volatile Buffer body;
    private volatile Counter served;

    void start(@Observes StartupEvent event, VaultKVSecretReactiveEngine kv, @RestClient TokenApi api, MeterRegistry registry,
            @ConfigProperty(name = "broker.okta.token-url") String tokenUrl) {
        served = registry.counter("broker_tokens_served_total");
        kv.readSecretJson("token-broker/okta")
                .map(secret -> assertion(secret, tokenUrl))
                .chain(assertion -> api.token("client_credentials", "tokens.read",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", assertion))
                .subscribe().with(answer -> body = Buffer.buffer("{\"access_token\":\"" + answer.accessToken()
                        + "\",\"token_type\":\"" + answer.tokenType() + "\",\"expires_in\":" + answer.expiresIn() + "}"),
                        failure -> failure.printStackTrace());
    }

    void routes(@Observes Router router) {
        router.get("/v1/token").handler(context -> {
            served.increment();
            context.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body);
        });
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("token").status(body != null).build();
    }

    private static String assertion(Map<String, Object> secret, String tokenUrl) {
        String pem = (String) secret.get("private_key");
        String clientId = (String) secret.get("client_id");
        return Jwt.issuer(clientId).subject(clientId).audience(tokenUrl).claim("jti", UUID.randomUUID().toString())
                .expiresIn(Duration.ofMinutes(5)).jws().keyId((String) secret.get("kid")).sign(privateKey(pem));
    }

    private static PrivateKey privateKey(String pem) {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the Vault secret's private_key is not an RSA PKCS#8 PEM", e);
        }
    }
}
