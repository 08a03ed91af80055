package io.tokenbroker.profiles;

import java.util.Map;

/** EC client key from a file; broker.okta.dpop left at its default (auto). */
public class DpopAuto extends StandInProfile {
    public DpopAuto() {
        super(Map.of("key", "p256", "source", "file", "format", "pkcs8"));
    }
}
