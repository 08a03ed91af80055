package io.tokenbroker.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link PackagedFlowTest} against the packaged application: the jar, or the native executable with -Dnative.
 * No test profile (see PackagedFlowTest): with -Daot these runs train the AOT cache; the test config
 * profile comes from {@code quarkus.test.integration-test-profile}.
 */
@QuarkusIntegrationTest
class PackagedFlowIT extends PackagedFlowTest {
}
