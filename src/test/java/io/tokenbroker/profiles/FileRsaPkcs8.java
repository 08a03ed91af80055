package io.tokenbroker.profiles;

import java.util.Map;

/** RSA 2048 PKCS#8 "PRIVATE KEY" file; kid from broker.key.kid. */
public class FileRsaPkcs8 extends StandInProfile {
    public FileRsaPkcs8() {
        super(Map.of("key", "rsa2048", "source", "file", "format", "pkcs8"));
    }
}
