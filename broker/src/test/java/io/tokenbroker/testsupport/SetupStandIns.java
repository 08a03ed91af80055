package io.tokenbroker.testsupport;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.tokenbroker.emulator.AdminApi;
import io.tokenbroker.emulator.OktaEmulator;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * What the setup commands talk to, on real time: Vault and the Okta emulator (its admin API and its token
 * endpoint on one domain: an app registered through the one is a client of the other), and the broker's own
 * settings pointing at them, as environment variables (the commands read nothing else).
 */
public final class SetupStandIns implements AutoCloseable {

    public static final String KEY_PATH = "teams/orders/okta";

    public final VaultStandIn vault;
    public final AdminApi admin;
    public final OktaEmulator okta;

    private SetupStandIns(VaultStandIn vault, OktaEmulator okta) {
        this.vault = vault;
        this.admin = okta.admin();
        this.okta = okta;
    }

    public static SetupStandIns start() throws IOException {
        return new SetupStandIns(VaultStandIn.start(Clock.systemUTC()), new OktaEmulator(Clock.systemUTC()));
    }

    /** The broker's keys only: Vault by quarkus.vault.*, Okta by broker.okta.*, the key path by broker.key.vault.path. */
    public Map<String, String> brokerSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("QUARKUS_VAULT_URL", vault.url());
        settings.put("QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN", vault.rootToken());
        settings.put("QUARKUS_VAULT_KV_SECRET_ENGINE_MOUNT_PATH", "kv");
        settings.put("BROKER_KEY_VAULT_PATH", KEY_PATH);
        settings.put("BROKER_OKTA_DOMAIN", admin.domain());
        settings.put("BROKER_OKTA_DEFAULT_SCOPES", "okta.users.read");
        settings.put("BROKER_ASSERTION_LIFETIME", "120s");
        settings.put("OKTA_API_TOKEN", admin.apiToken());
        return settings;
    }

    /** {@link #brokerSettings()} with Vault found as Vault's own tools find it: VAULT_ADDR and VAULT_TOKEN alone. */
    public Map<String, String> vaultToolSettings() {
        Map<String, String> settings = brokerSettings();
        settings.remove("QUARKUS_VAULT_URL");
        settings.remove("QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN");
        settings.put("VAULT_ADDR", vault.url());
        settings.put("VAULT_TOKEN", vault.rootToken());
        return settings;
    }

    @Override
    public void close() {
        okta.close();
        vault.close();
    }
}
