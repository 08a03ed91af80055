package io.tokenbroker.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** Failure texts for logs name the key's location; those for health data served on the pod network do not. */
class FailuresTest {

    @Test
    void theSummaryOfAKeyFailureKeepsTheProblemAndDropsTheLocation() {
        var unreadable = new KeyMaterialException("broker.key.file /secrets/okta/key.pem", "cannot read the key file",
                new NoSuchFileException("/secrets/okta/key.pem"));
        assertThat(Failures.describe(unreadable)).contains("/secrets/okta/key.pem").contains("cannot read the key file");
        assertThat(Failures.summary(unreadable)).isEqualTo("cannot read the key file");

        var wrapped = new IllegalStateException("while loading", new KeyMaterialException("vault secret/token-broker/okta",
                "the secret has no 'private_key' field"));
        assertThat(Failures.summary(wrapped)).isEqualTo("the secret has no 'private_key' field");
    }

    @Test
    void anUnknownFailureIsSummarisedByItsTypeAlone() {
        var failure = new IllegalArgumentException("cannot open /secrets/okta/key.pem");
        assertThat(Failures.describe(failure)).contains("/secrets/okta/key.pem");
        assertThat(Failures.summary(failure)).isEqualTo("IllegalArgumentException");
    }
}
