package io.tokenbroker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile.TestResourceEntry;
import io.tokenbroker.emulator.OktaEmulator;

/**
 * Starts the Okta stand-in with the broker's client registered (its public key under the kid the
 * {@link BrokerKey} says, {@link #GRANTED} scopes) and points {@code broker.okta.*} at it. Options come
 * from {@link #entry} in a test profile, or from a subclass's constructor for {@code @WithTestResource}.
 */
public class OktaResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "0oa-test-client";
    public static final Set<String> GRANTED = Set.of("tokens.read", "tokens.write");

    private BrokerKey key;
    private TimeSource clock;
    private OktaEmulator okta;

    public OktaResource() {
    }

    protected OktaResource(BrokerKey key, TimeSource clock) {
        this.key = key;
        this.clock = clock;
    }

    public static TestResourceEntry entry(BrokerKey key, TimeSource clock) {
        Map<String, String> args = new HashMap<>(key.toArgs());
        args.put("okta.clock", clock.name());
        return new TestResourceEntry(OktaResource.class, args);
    }

    @Override
    public void init(Map<String, String> args) {
        if (key == null) {
            key = BrokerKey.fromArgs(args);
            clock = TimeSource.valueOf(args.get("okta.clock"));
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            okta = new OktaEmulator(clock.clock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Okta stand-in", e);
        }
        var jwk = key.testKey().publicJwk();
        jwk.setKeyId(key.registeredKid());
        okta.issuer().registerClient(CLIENT_ID, List.of(jwk), GRANTED);
        return Map.of("broker.okta.domain", okta.baseUrl(),
                "broker.okta.default-scopes", "tokens.read",
                "broker.okta.allowed-scopes", "tokens.read,tokens.write,tokens.unregistered");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(okta, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, OktaEmulator.class));
        injector.injectIntoFields(key.testKey(), new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, TestKey.class));
    }

    @Override
    public void stop() {
        if (okta != null) {
            okta.close();
        }
    }
}
