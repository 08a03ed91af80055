package io.tokenbroker.vault;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.quarkus.vault.VaultTransitSecretReactiveEngine;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.FileKeySource;
import io.tokenbroker.key.KeySettings;
import io.tokenbroker.key.KeySource;
import io.tokenbroker.key.RawKey;
import io.tokenbroker.key.SigningKey;

/**
 * Picks the signing key's {@link KeySource} named by {@code broker.key.source}. It lives here, not in the key
 * package, because two of the three sources are Vault's: key knows nothing of Vault.
 */
@ApplicationScoped
public class KeySourceProducer {

    @Produces
    @ApplicationScoped
    KeySource<SigningKey> signingKeySource(BrokerConfig config, Instance<VaultKVSecretReactiveEngine> kv,
            Instance<TransitKeySource> transit) {
        if (config.key().source() == BrokerConfig.KeySourceType.TRANSIT) {
            VaultKvKeySource.requireVaultUrl();
            return transit.get();
        }
        return textSource(KeySettings.of(config), kv, "broker.key");
    }

    /**
     * A named server's own key: the same sources as the default key's, from its settings.
     *
     * @param prefix the keys' prefix for messages, e.g. {@code broker.servers.orders.key}
     */
    public static KeySource<SigningKey> of(KeySettings settings, String prefix, Instance<VaultKVSecretReactiveEngine> kv,
            Instance<VaultTransitSecretReactiveEngine> transit, Clock clock) {
        if (settings.source() == BrokerConfig.KeySourceType.TRANSIT) {
            VaultKvKeySource.requireVaultUrl();
            return new TransitKeySource(transit, settings, clock);
        }
        return textSource(settings, kv, prefix);
    }

    private static KeySource<SigningKey> textSource(KeySettings settings, Instance<VaultKVSecretReactiveEngine> kv,
            String prefix) {
        Optional<String> clientId = settings.clientId();
        return keyText(settings, kv, prefix).map(raw -> SigningKey.fromText(raw,
                settings.password().map(String::toCharArray), settings.algorithm(), settings.kid(), clientId));
    }

    private static KeySource<RawKey> keyText(KeySettings key, Instance<VaultKVSecretReactiveEngine> kv, String prefix) {
        return switch (key.source()) {
            case TRANSIT -> throw new IllegalStateException("transit is not a key text source");
            case VAULT -> VaultKvKeySource.at(kv, key.vaultPath());
            case FILE -> new FileKeySource(Path.of(key.file().orElseThrow(() -> new IllegalStateException(
                    prefix + ".source=file needs " + prefix + ".file"
                    + (prefix.equals("broker.key") ? " (BROKER_KEY_FILE)" : "")))));
        };
    }
}
