package io.tokenbroker.key;

import io.smallrye.mutiny.Uni;

/** Where the {@link KeyManager} gets a ready {@link SigningKey} from. */
public interface SigningKeySource {

    Uni<SigningKey> load();

    String describe();

    /** A source of key text (PEM, JWK) parsed by the broker. */
    static SigningKeySource parsing(KeySource source, SigningKeys keys) {
        return new SigningKeySource() {
            @Override
            public Uni<SigningKey> load() {
                return source.read().map(keys::from);
            }

            @Override
            public String describe() {
                return source.describe();
            }
        };
    }
}
