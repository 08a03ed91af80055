package io.tokenbroker.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class WarmUpTest {

    /** The warm-up goes through smallrye-jwt's whole builder: a real compact JWS comes out, HS256 and a jti. */
    @Test
    void theThrowawayJwsIsARealSignedToken() {
        String[] parts = WarmUp.throwawayJws().split("\\.");

        assertThat(parts).hasSize(3);
        JsonObject header = decode(parts[0]);
        assertThat(header.getString("alg")).isEqualTo("HS256");
        assertThat(header.getString("kid")).isEqualTo("warm-up");
        assertThat(decode(parts[1]).getString("jti")).hasSize(43);
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(32);
    }

    /** A key made for each warm-up and dropped: two warm-ups never share a signature (nor a jti). */
    @Test
    void eachWarmUpSignsWithAKeyOfItsOwn() {
        String first = WarmUp.throwawayJws();
        String second = WarmUp.throwawayJws();

        assertThat(first.substring(first.lastIndexOf('.'))).isNotEqualTo(second.substring(second.lastIndexOf('.')));
        assertThat(decode(first.split("\\.")[1]).getString("jti")).isNotEqualTo(decode(second.split("\\.")[1]).getString("jti"));
    }

    private static JsonObject decode(String part) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
