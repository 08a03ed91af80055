package io.tokenbroker.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.profiles.VaultRsaPkcs8;

@QuarkusTest
@TestProfile(VaultRsaPkcs8.class)
class VaultRsaKeyTest extends TokenFlowTestBase {
}
