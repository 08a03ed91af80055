package io.tokenbroker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile.TestResourceEntry;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * Starts the Vault stand-in and points quarkus-vault at it ({@code quarkus.vault.*}: a root token or
 * Kubernetes auth). When the {@link BrokerKey} lives in Vault, it is written there (KV v2 at
 * {@link #KV_PATH}, or imported as the Transit key {@link #TRANSIT_KEY}) and {@code broker.key.*} names it.
 */
public class VaultResource implements QuarkusTestResourceLifecycleManager {

    public static final String KV_PATH = "token-broker/okta";
    public static final String DPOP_KV_PATH = "token-broker/dpop";
    public static final String TRANSIT_KEY = "token-broker";
    static final String K8S_ROLE = "token-broker";

    private BrokerKey key;
    private VaultOptions options;
    private VaultStandIn vault;
    private Path serviceAccountToken;

    public VaultResource() {
    }

    protected VaultResource(BrokerKey key, VaultOptions options) {
        this.key = key;
        this.options = options;
    }

    public static TestResourceEntry entry(BrokerKey key, VaultOptions options) {
        Map<String, String> args = new HashMap<>(key.toArgs());
        args.putAll(options.toArgs());
        return new TestResourceEntry(VaultResource.class, args);
    }

    @Override
    public void init(Map<String, String> args) {
        if (key == null) {
            key = BrokerKey.fromArgs(args);
            options = VaultOptions.fromArgs(args);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            // quarkus-vault tracks its token's lease on real time: a lease test runs the stand-in on it too
            vault = VaultStandIn.start(options.clock().clock());
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.vault.url", vault.url());
            config.put("quarkus.vault.devservices.enabled", "false");
            config.putAll(login());
            config.putAll(signingKey());
            options.dpopKey().ifPresent(alg -> {
                vault.putSecret(DPOP_KV_PATH, Map.of("private_key", alg.testKey().pkcs8Pem()));
                config.put("broker.dpop.key.vault-path", DPOP_KV_PATH);
            });
            if (options.startsDown()) {
                vault.setMode(VaultStandIn.Mode.DOWN);
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Vault stand-in", e);
        }
    }

    private Map<String, String> login() throws IOException {
        if (options.auth() == VaultOptions.Auth.TOKEN) {
            return Map.of("quarkus.vault.authentication.client-token", vault.rootToken());
        }
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDp0b2tlbi1icm9rZXIifQ.c2ln";
        serviceAccountToken = Files.createTempFile("sa-token", ".jwt");
        Files.writeString(serviceAccountToken, jwt);
        vault.enableKubernetesAuth(K8S_ROLE, jwt, options.tokenTtl());
        return Map.of("quarkus.vault.authentication.kubernetes.role", K8S_ROLE,
                "quarkus.vault.authentication.kubernetes.jwt-token-path", serviceAccountToken.toString(),
                "quarkus.vault.tls.use-kubernetes-ca-cert", "false");
    }

    private Map<String, String> signingKey() {
        Map<String, String> config = new HashMap<>();
        switch (key.location()) {
            case VAULT_KV -> {
                Map<String, String> secret = new HashMap<>();
                secret.put("private_key", key.privateKeyText());
                if (key.kid() == BrokerKey.Kid.FROM_SOURCE) {
                    secret.put("kid", key.testKey().kid());
                }
                if (key.clientId() == BrokerKey.ClientId.IN_VAULT) {
                    secret.put("client_id", OktaResource.CLIENT_ID);
                }
                vault.putSecret(KV_PATH, secret);
                config.put("broker.key.source", "vault");
                config.put("broker.key.vault.path", KV_PATH);
                if (key.format() == BrokerKey.Format.ENCRYPTED) {
                    config.put("broker.key.password", TestKey.PASSWORD);
                }
            }
            case VAULT_TRANSIT -> {
                vault.importTransitKey(TRANSIT_KEY, key.testKey().pair());
                config.put("broker.key.source", "transit");
                config.put("broker.key.transit.key", TRANSIT_KEY);
            }
            case FILE -> {
                // KeyFileResource configures the key
            }
        }
        if (key.location() != BrokerKey.Location.FILE) {
            config.put("broker.okta.client-id", key.clientId() == BrokerKey.ClientId.IN_CONFIG ? OktaResource.CLIENT_ID : "");
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(vault, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, VaultStandIn.class));
    }

    @Override
    public void stop() {
        if (vault != null) {
            vault.close();
        }
        KeyFileResource.deleteQuietly(serviceAccountToken);
    }
}
