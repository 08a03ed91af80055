package io.tokenbroker.profiles;

import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** EC client key from a file; broker.okta.dpop left at its default (auto). */
public class DpopAuto extends StandInProfile {
    public DpopAuto() {
        super(BrokerKey.file(Alg.P256, Format.PKCS8));
    }
}
