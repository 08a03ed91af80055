package io.tokenbroker.profiles;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** P-521 JWK file without kid: the broker falls back to the RFC 7638 thumbprint. */
public class FileEcJwkThumbprint extends StandInProfile {
    public FileEcJwkThumbprint() {
        super(BrokerKey.file(Alg.P521, Format.JWK).thumbprintKid());
    }
}
