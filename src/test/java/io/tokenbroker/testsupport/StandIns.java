package io.tokenbroker.testsupport;

import io.tokenbroker.testsupport.okta.OktaStandIn;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/** What a test talks to besides the broker: the Vault and Okta stand-ins and the key in use. */
public record StandIns(VaultStandIn vault, OktaStandIn okta, TestKey key, String clientId) {
}
