package io.tokenbroker.key;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Where a key is read from: key text (Vault KV, a file, the dev environment) or a ready signer
 * (Vault Transit). Each {@link #load()} reads anew, so a {@link KeyLoader} sees rotations.
 *
 * @param <K> what a read yields: {@link RawKey} text, or a key ready to sign
 */
public interface KeySource<K> {

    /** Reads the key as it is now; fails with a message naming the location on error. */
    Uni<K> load();

    /** Human description of the location, for logs and health. */
    String describe();

    /** This source with {@code parse} applied to every read (key text into a signer). */
    default <R> KeySource<R> map(Function<? super K, ? extends R> parse) {
        KeySource<K> self = this;
        return new KeySource<R>() {
            @Override
            public Uni<R> load() {
                return self.load().map(parse);
            }

            @Override
            public String describe() {
                return self.describe();
            }
        };
    }
}
