package io.tokenbroker.profiles;

import java.util.Map;

/** PKCS#1 "RSA PRIVATE KEY" file, kid from broker.key.kid. */
public class FileRsaPkcs1 extends StandInProfile {
    public FileRsaPkcs1() {
        super(Map.of("key", "rsa2048", "source", "file", "format", "traditional"));
    }
}
