package io.tokenbroker.key;

import java.time.Duration;
import java.util.Optional;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.BrokerConfig.KeySourceType;

/**
 * Where one signing key comes from, as the key sources read it: {@code broker.key.*} for the default
 * target, a named server's {@code key.*} over it for another service app. Equal settings are one key:
 * the broker loads it once however many servers sign with it.
 *
 * @param clientId the configured client id that wins over one stored next to the key
 */
public record KeySettings(KeySourceType source, Optional<String> file, Optional<String> password, Optional<String> kid,
        Optional<String> algorithm, String vaultPath, Optional<String> transitKey, Optional<Integer> transitVersion,
        Duration activationDelay, Optional<String> clientId) {

    /** The default target's key: {@code broker.key.*} and {@code broker.okta.client-id}. */
    public static KeySettings of(BrokerConfig config) {
        BrokerConfig.Key key = config.key();
        return new KeySettings(key.source(), key.file(), key.password(), key.kid(), key.algorithm(), key.vault().path(),
                key.transit().key(), key.transit().version(), key.transit().activationDelay(), config.okta().clientId());
    }

    /** True when a named server configures any key setting of its own (it is another key, then). */
    public static boolean ownKey(BrokerConfig.ServerKey key) {
        return key.source().isPresent() || key.file().isPresent() || key.vault().path().isPresent()
                || key.transit().key().isPresent() || key.transit().version().isPresent() || key.kid().isPresent()
                || key.password().isPresent() || key.algorithm().isPresent();
    }

    /**
     * A named server's own key over these settings. The kid and the client id are never inherited: another
     * key under the default key's kid override, or another app's key under the default app's client id, is a
     * request Okta refuses; the client id comes from the server's {@code client-id} or from next to the key.
     */
    public KeySettings with(BrokerConfig.ServerKey key, Optional<String> serverClientId) {
        return new KeySettings(key.source().orElse(source), key.file().or(this::file), key.password().or(this::password),
                key.kid(), key.algorithm().or(this::algorithm), key.vault().path().orElse(vaultPath),
                key.transit().key().or(this::transitKey), key.transit().version().or(this::transitVersion), activationDelay,
                serverClientId);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "KeySettings[source=" + source + ", file=" + file.orElse("") + ", vaultPath=" + vaultPath + ", transitKey="
                + transitKey.orElse("") + "]";
    }
}
