package io.tokenbroker.profiles;

import java.util.Map;

/** P-521 JWK file without kid: the broker falls back to the RFC 7638 thumbprint. */
public class FileEcJwkThumbprint extends StandInProfile {
    public FileEcJwkThumbprint() {
        super(Map.of("key", "p521", "source", "file", "format", "jwk", "kid", "thumbprint"));
    }
}
