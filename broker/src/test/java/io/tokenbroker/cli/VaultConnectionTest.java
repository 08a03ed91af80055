package io.tokenbroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tokenbroker.cli.VaultConnection.Login;

/**
 * Where the commands find Vault: the broker's quarkus.vault.* keys first, then VAULT_ADDR, VAULT_TOKEN,
 * VAULT_NAMESPACE and ~/.vault-token; with a fake environment and home, never the real ones.
 */
class VaultConnectionTest {

    @TempDir
    Path home;

    @Test
    void theBrokersUrlWinsOverVaultAddr() {
        VaultConnection connection = connection(Map.of("quarkus.vault.url", "https://broker-vault.example.com:8200"),
                Map.of("VAULT_ADDR", "https://shell-vault.example.com:8200"));
        assertThat(connection.address().getHost()).isEqualTo("broker-vault.example.com");
    }

    @Test
    void vaultAddrIsTheAddressWhenTheBrokerNamesNone() {
        VaultConnection connection = connection(Map.of(), Map.of("VAULT_ADDR", "https://vault.example.com:8200"));
        assertThat(connection.address().toString()).isEqualTo("https://vault.example.com:8200");
    }

    @Test
    void aPlainHttpVaultAddrIsRefusedUnlessLoopback() {
        assertThatThrownBy(() -> connection(Map.of(), Map.of("VAULT_ADDR", "http://vault.example.com:8200")).address())
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(CliException.CONFIGURATION);
                    assertThat(e.getMessage()).contains("VAULT_ADDR").contains("https");
                });
        assertThat(connection(Map.of(), Map.of("VAULT_ADDR", "http://127.0.0.1:8200")).address().getPort()).isEqualTo(8200);
    }

    @Test
    void withoutAnyAddressBothWaysOfGivingOneAreNamed() {
        assertThatThrownBy(() -> connection(Map.of(), Map.of()).address()).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(CliException.CONFIGURATION);
            assertThat(e.getMessage()).contains("QUARKUS_VAULT_URL").contains("VAULT_ADDR");
        });
    }

    @Test
    void theBrokersLoginWinsOverVaultToken() {
        assertThat(connection(Map.of("quarkus.vault.authentication.client-token", "hvs.broker"), Map.of("VAULT_TOKEN", "hvs.shell"))
                .login()).isEqualTo(Login.CONFIGURED_TOKEN);
        assertThat(connection(Map.of("quarkus.vault.authentication.kubernetes.role", "token-broker"), Map.of("VAULT_TOKEN", "hvs.shell"))
                .login()).isEqualTo(Login.KUBERNETES);
        assertThat(connection(Map.of("quarkus.vault.authentication.app-role.role-id", "role", "quarkus.vault.authentication.app-role.secret-id",
                "secret"), Map.of("VAULT_TOKEN", "hvs.shell")).login()).isEqualTo(Login.APPROLE);
    }

    @Test
    void vaultTokenWinsOverTheTokenFile() throws Exception {
        Files.writeString(home.resolve(".vault-token"), "hvs.file");
        assertThat(connection(Map.of(), Map.of("VAULT_TOKEN", "hvs.shell")).login()).isEqualTo(Login.VAULT_TOKEN);
        assertThat(connection(Map.of(), Map.of("VAULT_TOKEN", "  ")).login()).isEqualTo(Login.TOKEN_FILE);
        assertThat(connection(Map.of(), Map.of()).login()).isEqualTo(Login.TOKEN_FILE);
    }

    @Test
    void anEmptyTokenFileIsNoLoginAndTheMessageNamesEveryWay() throws Exception {
        Files.writeString(home.resolve(".vault-token"), "\n");
        assertThatThrownBy(() -> connection(Map.of(), Map.of()).login()).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(CliException.CONFIGURATION);
            assertThat(e.getMessage()).contains("quarkus.vault.authentication.client-token").contains("VAULT_TOKEN")
                    .contains("~/.vault-token");
        });
    }

    @Test
    void withoutAHomeNoTokenFileIsLookedFor() throws Exception {
        Files.writeString(home.resolve(".vault-token"), "hvs.file");
        VaultConnection homeless = new VaultConnection(CliConfig.of(Map.of()).vault(), Map.of(), Optional.empty());
        assertThatThrownBy(homeless::login).isInstanceOf(CliException.class);
    }

    @Test
    void theBrokersNamespaceWinsOverVaultNamespace() {
        assertThat(connection(Map.of("quarkus.vault.enterprise.namespace", "broker-ns"), Map.of("VAULT_NAMESPACE", "shell-ns"))
                .namespace()).contains("broker-ns");
        assertThat(connection(Map.of(), Map.of("VAULT_NAMESPACE", "shell-ns")).namespace()).contains("shell-ns");
        assertThat(connection(Map.of(), Map.of()).namespace()).isEmpty();
    }

    /** @param brokerKeys quarkus.vault.* properties, as the broker reads them */
    private VaultConnection connection(Map<String, String> brokerKeys, Map<String, String> environment) {
        return new VaultConnection(CliConfig.of(brokerKeys).vault(), environment, Optional.of(home));
    }
}
