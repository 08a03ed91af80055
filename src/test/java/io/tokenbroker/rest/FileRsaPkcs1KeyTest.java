package io.tokenbroker.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.FileRsaPkcs1;

@QuarkusTest
@TestProfile(FileRsaPkcs1.class)
class FileRsaPkcs1KeyTest extends TokenFlowTestBase {
}
