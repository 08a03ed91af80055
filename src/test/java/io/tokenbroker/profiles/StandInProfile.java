package io.tokenbroker.profiles;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tokenbroker.testsupport.StandInsResource;

/** A test profile that runs the broker against the stand-ins with the given {@link StandInsResource} args. */
public abstract class StandInProfile implements QuarkusTestProfile {

    private final Map<String, String> args;

    protected StandInProfile(Map<String, String> args) {
        this.args = args;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StandInsResource.class, args));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
