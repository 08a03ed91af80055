package io.tokenbroker.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.FileEcEncrypted;

@QuarkusTest
@TestProfile(FileEcEncrypted.class)
class FileEcEncryptedKeyTest extends TokenFlowTestBase {
}
