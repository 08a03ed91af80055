package io.tokenbroker.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.profiles.FileEcJwkThumbprint;

@QuarkusTest
@TestProfile(FileEcJwkThumbprint.class)
class FileEcJwkThumbprintKidTest extends TokenFlowTestBase {

    @Override
    protected String expectedKid() {
        return Thumbprints.of(key.pair().getPublic());
    }
}
