package io.tokenbroker.vault;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.FileKeySource;
import io.tokenbroker.key.KeySource;
import io.tokenbroker.key.RawKey;
import io.tokenbroker.key.SigningKey;

/**
 * Picks the signing key's {@link KeySource} named by {@code broker.key.source}; the only bean that is
 * a {@code KeySource<RawKey>} is the dev environment's, which prod builds do not have. It lives here, not in
 * the key package, because two of the four sources are Vault's: key knows nothing of Vault.
 */
@ApplicationScoped
public class KeySourceProducer {

    @Produces
    @ApplicationScoped
    KeySource<SigningKey> signingKeySource(BrokerConfig config, Instance<VaultKVSecretReactiveEngine> kv,
            Instance<KeySource<RawKey>> dev, Instance<TransitKeySource> transit) {
        if (config.key().source() == BrokerConfig.KeySourceType.TRANSIT) {
            VaultKvKeySource.requireVaultUrl();
            return transit.get();
        }
        BrokerConfig.Key key = config.key();
        Optional<String> clientId = config.okta().clientId();
        return keyText(config, kv, dev).map(raw -> SigningKey.fromText(raw, key.password().map(String::toCharArray),
                key.algorithm(), key.kid(), clientId));
    }

    private static KeySource<RawKey> keyText(BrokerConfig config, Instance<VaultKVSecretReactiveEngine> kv,
            Instance<KeySource<RawKey>> dev) {
        BrokerConfig.Key key = config.key();
        return switch (key.source()) {
            case TRANSIT -> throw new IllegalStateException("transit is not a key text source");
            case VAULT -> VaultKvKeySource.at(kv, key.vault().path());
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
}
