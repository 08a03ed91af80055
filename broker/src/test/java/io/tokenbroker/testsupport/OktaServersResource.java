package io.tokenbroker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokenbroker.emulator.OktaEmulator;

/**
 * The Okta stand-in as a pod needing several token targets sees Okta: the org authorization server (okta.*
 * scopes only) and two custom ones, {@value #ORDERS} and {@value #BILLING}; the broker's app
 * ({@link OktaResource#CLIENT_ID}, RSA key, default target) granted on the org server and on orders, a second
 * service app ({@value #BILLING_CLIENT}, its own EC key) on billing. Configures the default target on the org
 * server, {@code broker.servers.orders} (same app and key, upstream budget 2 a minute) and
 * {@code broker.servers.billing} (the second app), and token files for the default target and billing.
 */
public class OktaServersResource implements QuarkusTestResourceLifecycleManager {

    public static final String ORDERS = "aus-orders";
    public static final String BILLING = "aus-billing";
    public static final String BILLING_CLIENT = "0oa-billing-app";
    public static final TestKey APP_KEY = BrokerKey.Alg.RSA_2048.testKey();
    public static final TestKey BILLING_KEY = BrokerKey.Alg.P256.testKey();

    private OktaEmulator okta;
    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            okta = new OktaEmulator(TimeSource.TEST_CLOCK.clock());
            directory = Files.createTempDirectory("broker-servers");
            Path appKey = Files.writeString(directory.resolve("app.pem"), APP_KEY.pkcs8Pem());
            Path billingKey = Files.writeString(directory.resolve("billing.pem"), BILLING_KEY.pkcs8Pem());
            Files.createDirectories(directory.resolve("files"));
            register();
            Map<String, String> config = new HashMap<>();
            config.put("broker.okta.domain", okta.baseUrl());
            config.put("broker.okta.client-id", OktaResource.CLIENT_ID);
            config.put("broker.okta.default-scopes", "okta.users.read");
            config.put("broker.okta.allowed-scopes", "okta.users.read,okta.apps.read");
            config.put("broker.key.source", "file");
            config.put("broker.key.file", appKey.toString());
            config.put("broker.key.kid", APP_KEY.kid());
            config.put("broker.servers.orders.authorization-server", ORDERS);
            config.put("broker.servers.orders.default-scopes", "orders.read");
            config.put("broker.servers.orders.allowed-scopes", "orders.read,orders.write");
            config.put("broker.servers.orders.max-token-requests-per-minute", "2");
            config.put("broker.servers.billing.authorization-server", BILLING);
            config.put("broker.servers.billing.client-id", BILLING_CLIENT);
            config.put("broker.servers.billing.key.file", billingKey.toString());
            config.put("broker.servers.billing.key.kid", BILLING_KEY.kid());
            config.put("broker.servers.billing.default-scopes", "billing.read");
            config.put("broker.servers.billing.allowed-scopes", "billing.read,billing.write");
            config.put("broker.sink.files.main.path", directory.resolve("files/main").toString());
            config.put("broker.sink.files.billing.path", directory.resolve("files/billing").toString());
            config.put("broker.sink.files.billing.server", "billing");
            config.put("broker.sink.files.billing.format", "json");
            config.put("broker.proxy.enabled", "true");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Okta stand-in with its servers", e);
        }
    }

    private void register() {
        var appJwk = APP_KEY.publicJwk();
        appJwk.setKeyId(APP_KEY.kid());
        var billingJwk = BILLING_KEY.publicJwk();
        billingJwk.setKeyId(BILLING_KEY.kid());
        okta.issuer().oktaScopesOnly(true);
        okta.issuer().registerClient(OktaResource.CLIENT_ID, List.of(appJwk), Set.of("okta.users.read", "okta.apps.read"));
        okta.customServer(ORDERS).registerClient(OktaResource.CLIENT_ID, List.of(appJwk), Set.of("orders.read", "orders.write"));
        // billing.write is in the broker's allowlist but not granted: the custom server refuses it
        okta.customServer(BILLING).registerClient(BILLING_CLIENT, List.of(billingJwk), Set.of("billing.read"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(okta, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, OktaEmulator.class));
    }

    @Override
    public void stop() {
        if (okta != null) {
            okta.close();
        }
    }
}
