package io.tokenbroker.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects what the stand-in resources started into a test field, by the field's type:
 * {@link io.tokenbroker.emulator.OktaEmulator} and the broker's {@link TestKey} from
 * {@link OktaResource}, {@link io.tokenbroker.testsupport.vault.VaultStandIn} from {@link VaultResource}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectStandIn {
}
