package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.TestKey;
import io.tokenbroker.emulator.OktaEmulator;

/** token get against the Okta stand-in: the same key, assertion and answer code as the broker. */
class TokenGetTest {

    @TempDir
    Path tmp;

    @Test
    void printsATokenFromTheIssuerAndFailsWithOneLineWhenRefused() throws Exception {
        TestKey key = TestKey.named("p256");
        try (OktaEmulator issuer = new OktaEmulator(Clock.systemUTC())) {
            issuer.issuer().registerClient("0oa-cli", List.of(key.publicJwk()), Set.of("tokens.read"));
            Path keyFile = Files.writeString(tmp.resolve("key.pem"), key.pkcs8Pem());
            Map<String, String> env = Map.of("BROKER_OKTA_DOMAIN", issuer.baseUrl(), "BROKER_OKTA_CLIENT_ID", "0oa-cli",
                    "BROKER_KEY_SOURCE", "file", "BROKER_KEY_FILE", keyFile.toString(), "BROKER_KEY_KID", key.kid(),
                    "BROKER_OKTA_DEFAULT_SCOPES", "tokens.read");

            CliRun json = CliRun.of(env, "token", "get");
            assertThat(json.exitCode()).as(json.err()).isZero();
            assertThat(json.out()).contains("\"token_type\":\"Bearer\"").contains("\"scope\":\"tokens.read\"");

            CliRun raw = CliRun.of(env, "token", "get", "--raw");
            assertThat(raw.exitCode()).as(raw.err()).isZero();
            var issuerKey = (PublicJsonWebKey) issuer.issuer().jwks().getJsonWebKeys().get(0);
            assertThat(Assertions.verify(raw.out().strip(), issuerKey.getPublicKey()).claims().getSubject()).isEqualTo("0oa-cli");

            CliRun refused = CliRun.of(env, "token", "get", "--scopes", "tokens.admin");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err().strip().lines()).hasSize(1);
            assertThat(refused.err()).contains("invalid_scope");

            CliRun noKey = CliRun.of(Map.of("BROKER_OKTA_DOMAIN", issuer.baseUrl(), "BROKER_KEY_SOURCE", "file"), "token", "get", "--scopes", "x");
            assertThat(noKey.exitCode()).isEqualTo(3);
            assertThat(noKey.err()).contains("BROKER_KEY_FILE");
        }
    }
}
