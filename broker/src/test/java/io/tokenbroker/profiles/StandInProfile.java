package io.tokenbroker.profiles;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.KeyFileResource;
import io.tokenbroker.testsupport.OktaResource;
import io.tokenbroker.testsupport.TimeSource;
import io.tokenbroker.testsupport.VaultOptions;
import io.tokenbroker.testsupport.VaultResource;

/**
 * A test profile that runs the broker against the Okta and Vault stand-ins (one test resource each,
 * on the tests' clock) with the given signing key, and a key file when the key lives in one.
 */
public abstract class StandInProfile implements QuarkusTestProfile {

    private final BrokerKey key;
    private final VaultOptions vault;
    private final TimeSource oktaClock;

    protected StandInProfile(BrokerKey key) {
        this(key, VaultOptions.defaults());
    }

    protected StandInProfile(BrokerKey key, VaultOptions vault) {
        this(key, vault, TimeSource.TEST_CLOCK);
    }

    /** @param oktaClock the Okta stand-in's clock: the real one for a packaged broker, which cannot share the tests' */
    protected StandInProfile(BrokerKey key, VaultOptions vault, TimeSource oktaClock) {
        this.key = key;
        this.vault = vault;
        this.oktaClock = oktaClock;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>();
        resources.add(OktaResource.entry(key, oktaClock));
        resources.add(VaultResource.entry(key, vault));
        if (key.location() == BrokerKey.Location.FILE) {
            resources.add(KeyFileResource.entry(key));
        }
        return resources;
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
