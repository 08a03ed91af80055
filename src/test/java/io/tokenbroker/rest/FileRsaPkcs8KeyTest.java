package io.tokenbroker.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.FileRsaPkcs8;

@QuarkusTest
@TestProfile(FileRsaPkcs8.class)
class FileRsaPkcs8KeyTest extends TokenFlowTestBase {
}
