package io.tokenbroker.profiles;

import java.util.ArrayList;
import java.util.List;

import io.tokenbroker.testsupport.DomainSocketResource;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** The stand-ins, and the broker listening only on a Unix domain socket whose path held a stale socket. */
public class SocketOnly extends StandInProfile {
    public SocketOnly() {
        super(BrokerKey.file(Alg.P256, Format.PKCS8));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(DomainSocketResource.class));
        return resources;
    }
}
