package io.tokenbroker.key;

/**
 * Marker for the embedded development key source; its only implementation lives in the dev
 * issuer, which is removed from prod builds.
 */
public interface DevKeySource extends KeySource<RawKey> {
}
