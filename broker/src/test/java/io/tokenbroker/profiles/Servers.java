package io.tokenbroker.profiles;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tokenbroker.testsupport.OktaServersResource;

/** One broker, three token targets: the org server and two custom ones, one of them another app's (OktaServersResource). */
public class Servers implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OktaServersResource.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
