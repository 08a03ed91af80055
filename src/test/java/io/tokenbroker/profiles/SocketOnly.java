package io.tokenbroker.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tokenbroker.testsupport.DomainSocketResource;

/** The stand-ins, and the broker listening only on a Unix domain socket whose path held a stale socket. */
public class SocketOnly extends StandInProfile {
    public SocketOnly() {
        super(Map.of("key", "p256", "source", "file", "format", "pkcs8"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(DomainSocketResource.class));
        return resources;
    }
}
