package io.tokenbroker.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.Packaged;

/** {@link PackagedFlowTest} against the packaged application: the fast-jar, or the native executable with -Dnative. */
@QuarkusIntegrationTest
@TestProfile(Packaged.class)
class PackagedFlowIT extends PackagedFlowTest {
}
