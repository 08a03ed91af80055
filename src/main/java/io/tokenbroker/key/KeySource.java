package io.tokenbroker.key;

import io.smallrye.mutiny.Uni;

/** Where the private key is read from (Vault KV, a file, the dev environment). */
public interface KeySource {

    /** Reads the current key material; fails with a message naming the location on error. */
    Uni<RawKey> read();

    /** Human description of the location, for logs and health. */
    String describe();
}
