package io.tokenbroker.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tokenbroker.testsupport.Assertions;
import io.tokenbroker.testsupport.PackagedArtifact;
import io.tokenbroker.testsupport.SetupStandIns;
import io.tokenbroker.emulator.AdminApi;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * The three setup commands of docs/cli.md run from the packaged artifact, as an operator runs them: the jar
 * ({@code java -jar quarkus-run.jar keys ...}), or the native executable after -Dnative, which needs no JVM.
 * Vault found by VAULT_ADDR and VAULT_TOKEN alone, as after {@code vault login}.
 */
class PackagedSetupIT {

    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(SetupStandIns standIns, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PackagedArtifact.command());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("VAULT_") || name.startsWith("QUARKUS_") || name.startsWith("BROKER_"));
        environment.putAll(standIns.vaultToolSettings());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ended", String.join(" ", arguments)).isTrue();
        return new Run(process.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    @Test
    void generateCreateAppAndTokenGetRunFromThePackagedArtifact() throws Exception {
        try (SetupStandIns standIns = SetupStandIns.start()) {
            threeSteps(standIns, standIns.vault, standIns.admin, standIns.okta);
        }
    }

    private void threeSteps(SetupStandIns standIns, VaultStandIn vault, AdminApi admin, OktaEmulator okta) throws Exception {
        Run generated = run(standIns, "keys", "generate", "--vault-path", "teams/orders/okta", "--alg", "ES256");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        PublicJsonWebKey published = (PublicJsonWebKey) new JsonWebKeySet(generated.out().strip()).getJsonWebKeys().get(0);
        assertThat(vault.secret("teams/orders/okta").orElseThrow()).containsEntry("kid", published.getKeyId());

        Run again = run(standIns, "keys", "generate", "--vault-path", "teams/orders/okta", "--alg", "ES256");
        assertThat(again.exitCode()).as("a key already in Vault is never replaced without --force").isEqualTo(4);
        assertThat(vault.secret("teams/orders/okta").orElseThrow()).containsEntry("kid", published.getKeyId());

        Run created = run(standIns, "okta", "create-app", "--name", "orders-sidecar", "--scopes", "okta.users.read", "--from-vault",
                "--write-client-id");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String clientId = created.out().strip();
        assertThat(admin.apps().get(clientId).grants()).containsExactly("okta.users.read");

        Run token = run(standIns, "token", "get", "--raw");
        assertThat(token.exitCode()).as(token.err()).isZero();
        var issuerKey = (PublicJsonWebKey) okta.issuer().jwks().getJsonWebKeys().get(0);
        assertThat(Assertions.verify(token.out().strip(), issuerKey.getPublicKey()).claims().getSubject()).isEqualTo(clientId);
        var assertion = Assertions.verify(okta.lastForm().get("client_assertion"), published.getPublicKey());
        assertThat(assertion.claims().getAudience()).containsExactly(okta.baseUrl() + OktaEmulator.TOKEN_PATH);

        String everything = generated.out() + generated.err() + again.err() + created.out() + created.err() + token.err();
        assertThat(everything).doesNotContain(vault.rootToken()).doesNotContain(admin.apiToken()).doesNotContain("PRIVATE KEY");
    }
}
