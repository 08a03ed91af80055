package io.tokenbroker.profiles;

import java.util.Map;

/** Encrypted PKCS#8 P-384 file with the password in broker.key.password; kid from broker.key.kid. */
public class FileEcEncrypted extends StandInProfile {
    public FileEcEncrypted() {
        super(Map.of("key", "p384", "source", "file", "format", "encrypted"));
    }
}
