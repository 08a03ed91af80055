package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tokenbroker.testsupport.vault.VaultStandIn;

/** KV v2 check-and-set and removal against the Vault stand-in, which answers as Vault does. */
class VaultAccessTest {

    private VaultStandIn vault;
    private VaultAccess access;

    @BeforeEach
    void start() throws Exception {
        vault = VaultStandIn.start(Clock.systemUTC());
        access = VaultAccess.from(CliConfig.of(Map.of("QUARKUS_VAULT_URL", vault.url(),
                "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken())));
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    @Test
    void aWriteThatExpectsNoSecretDoesNotClobberOneWrittenMeanwhile() {
        vault.putSecret("team/okta", Map.of("kid", "theirs"));

        assertThatThrownBy(() -> access.write("team/okta", Map.of("kid", "ours"), 0)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(e.getMessage()).contains("refused to overwrite secret/team/okta");
        });
        assertThat(vault.secret("team/okta").orElseThrow()).containsEntry("kid", "theirs");
        assertThat(vault.requests()).extracting(VaultStandIn.RecordedRequest::status).containsExactly(400);
    }

    @Test
    void aWriteNamesTheVersionItReadAndFailsWhenAnotherWriterCameFirst() {
        vault.putSecret("team/okta", Map.of("kid", "v1"));
        VaultAccess.Secret read = access.secret("team/okta").orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        vault.putSecret("team/okta", Map.of("kid", "v2 by someone else"));

        assertThatThrownBy(() -> access.write("team/okta", Map.of("kid", "ours"), read.version()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.REFUSED));
        assertThat(vault.secret("team/okta").orElseThrow()).containsEntry("kid", "v2 by someone else");

        access.write("team/okta", Map.of("kid", "ours"), 2);
        assertThat(vault.secret("team/okta").orElseThrow()).containsEntry("kid", "ours");
        assertThat(access.currentVersion("team/okta")).isEqualTo(3);
    }

    @Test
    void destroyRemovesEveryVersionAndIsANoOpWhenAbsent() {
        vault.putSecret("team/okta-next", Map.of("private_key", "k1"));
        vault.putSecret("team/okta-next", Map.of("private_key", "k2"));

        access.destroy("team/okta-next");
        access.destroy("team/okta-next");

        assertThat(access.secret("team/okta-next")).isEmpty();
        assertThat(access.currentVersion("team/okta-next")).isZero();
        assertThat(vault.count("DELETE", "/v1/secret/metadata/team/okta-next")).isEqualTo(2);
    }

    @Test
    void aSecretNamesItsFieldsButNeverItsValues() {
        vault.putSecret("team/okta", Map.of("private_key", "-----BEGIN PRIVATE KEY-----secret"));
        assertThat(access.secret("team/okta").orElseThrow().toString()).contains("private_key").doesNotContain("BEGIN");
    }
}
