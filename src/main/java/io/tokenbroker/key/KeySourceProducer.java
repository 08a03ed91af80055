package io.tokenbroker.key;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.vault.TransitKeySource;
import io.tokenbroker.vault.VaultKvKeySource;

/** Picks the {@link KeySource} named by {@code broker.key.source}. */
@ApplicationScoped
public class KeySourceProducer {

    @Produces
    @ApplicationScoped
    SigningKeySource signingKeySource(BrokerConfig config, SigningKeys keys, Instance<VaultKVSecretReactiveEngine> kv,
            Instance<DevKeySource> dev, Instance<TransitKeySource> transit) {
        if (config.key().source() == BrokerConfig.KeySourceType.TRANSIT) {
            requireVaultUrl();
            return transit.get();
        }
        return SigningKeySource.parsing(keySource(config, kv, dev), keys);
    }

    private static KeySource keySource(BrokerConfig config, Instance<VaultKVSecretReactiveEngine> kv, Instance<DevKeySource> dev) {
        BrokerConfig.Key key = config.key();
        return switch (key.source()) {
            case TRANSIT -> throw new IllegalStateException("transit is not a key text source");
            case VAULT -> vault(kv, key.vault().path());
            case FILE -> new FileKeySource(Path.of(key.file().orElseThrow(() -> new IllegalStateException(
                    "broker.key.source=file needs broker.key.file (BROKER_KEY_FILE)"))));
            case DEV -> {
                if (!dev.isResolvable()) {
                    throw new IllegalStateException("broker.key.source=dev exists only in the dev and test profiles;"
                            + " use vault or file");
                }
                yield dev.get();
            }
        };
    }

    private static void requireVaultUrl() {
        if (ConfigProvider.getConfig().getOptionalValue("quarkus.vault.url", String.class).isEmpty()) {
            throw new IllegalStateException("broker.key.source=vault or transit needs quarkus.vault.url (QUARKUS_VAULT_URL)"
                    + " and Vault authentication (quarkus.vault.authentication.*); or use broker.key.source=file");
        }
    }

    /** A KV v2 key text source at {@code path} below the configured KV mount. */
    public static KeySource vault(Instance<VaultKVSecretReactiveEngine> kv, String path) {
        requireVaultUrl();
        Config config = ConfigProvider.getConfig();
        String mount = config.getOptionalValue("quarkus.vault.kv-secret-engine-mount-path", String.class).orElse("secret");
        return new VaultKvKeySource(kv.get(), mount, path);
    }
}
