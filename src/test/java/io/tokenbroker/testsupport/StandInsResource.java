package io.tokenbroker.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.testsupport.okta.OktaStandIn;
import io.tokenbroker.testsupport.vault.VaultStandIn;

/**
 * Starts the Okta and Vault stand-ins on free loopback ports and points the broker at them.
 *
 * <p>Init args: {@code key} (rsa2048, p256, p384, p521), {@code source} (vault, file),
 * {@code format} (pkcs8, traditional, encrypted, jwk), {@code kid} (source, thumbprint),
 * {@code vault-auth} (token, kubernetes), {@code vault-mode} (up, down: Vault refuses
 * connections at start), {@code client-id} (vault, config), {@code vault-token-ttl} (seconds, for
 * Kubernetes auth logins), {@code vault-clock} (shared: the tests' clock; system: real time),
 * {@code clock} (shared or system, for both stand-ins: system for a packaged broker), {@code dpop-key}
 * (generated, or a {@link TestKey} name written to Vault KV at {@value #DPOP_KV_PATH} as the DPoP key).
 */
public class StandInsResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "0oa-test-client";
    public static final String KV_PATH = "token-broker/okta";
    public static final String DPOP_KV_PATH = "token-broker/dpop";
    public static final String K8S_ROLE = "token-broker";
    public static final String TRANSIT_KEY = "token-broker";
    public static final Set<String> GRANTED = Set.of("tokens.read", "tokens.write");

    private Map<String, String> args = Map.of();
    private StandIns standIns;
    private Path keyFile;
    private Path serviceAccountToken;

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = initArgs;
    }

    private String arg(String name, String fallback) {
        return args.getOrDefault(name, fallback);
    }

    @Override
    public Map<String, String> start() {
        try {
            TestKey key = TestKey.named(arg("key", "rsa2048"));
            boolean thumbprintKid = arg("kid", "source").equals("thumbprint");
            String registeredKid = thumbprintKid ? Thumbprints.of(key.pair().getPublic()) : key.kid();
            var jwk = key.publicJwk();
            jwk.setKeyId(registeredKid);

            // a packaged broker (integration tests) runs on the real clock: so must the stand-ins then
            java.time.Clock clock = arg("clock", "shared").equals("system") ? java.time.Clock.systemUTC() : MutableClock.INSTANCE;
            OktaStandIn okta = new OktaStandIn(clock);
            okta.issuer().registerClient(CLIENT_ID, List.of(jwk), GRANTED);
            // quarkus-vault tracks token lifetimes on the real clock: a lease test runs the stand-in on it too
            VaultStandIn vault = VaultStandIn.start(arg("vault-clock", arg("clock", "shared")).equals("system")
                    ? java.time.Clock.systemUTC() : MutableClock.INSTANCE);
            standIns = new StandIns(vault, okta, key, CLIENT_ID);

            Map<String, String> config = new HashMap<>();
            config.put("broker.okta.domain", okta.baseUrl());
            config.put("broker.okta.default-scopes", "tokens.read");
            config.put("broker.okta.allowed-scopes", "tokens.read,tokens.write,tokens.unregistered");
            boolean clientIdInConfig = arg("client-id", "vault").equals("config") || arg("source", "vault").equals("file");
            config.put("broker.okta.client-id", clientIdInConfig ? CLIENT_ID : "");
            config.put("quarkus.vault.url", vault.url());
            config.put("quarkus.vault.devservices.enabled", "false");

            String format = arg("format", "pkcs8");
            String text = switch (format) {
                case "pkcs8" -> key.pkcs8Pem();
                case "traditional" -> key.traditionalPem();
                case "encrypted" -> key.encryptedPkcs8Pem();
                case "jwk" -> key.privateJwk(!thumbprintKid);
                default -> throw new IllegalArgumentException("format " + format);
            };
            if (format.equals("encrypted")) {
                config.put("broker.key.password", TestKey.PASSWORD);
            }
            if (arg("source", "vault").equals("transit")) {
                String type = key.name().startsWith("rsa") ? "rsa-" + key.name().substring(3) : "ecdsa-p" + key.name().substring(1);
                vault.createTransitKey(TRANSIT_KEY, type);
                var transitJwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(vault.transitPublicKey(TRANSIT_KEY, 1));
                transitJwk.setKeyId(Thumbprints.of(transitJwk.getPublicKey()));
                okta.issuer().registerClient(CLIENT_ID, List.of(transitJwk), GRANTED);
                config.put("broker.key.source", "transit");
                config.put("broker.key.transit.key", TRANSIT_KEY);
                config.put("broker.okta.client-id", CLIENT_ID);
            } else if (arg("source", "vault").equals("file")) {
                keyFile = Files.createTempFile("broker-key", format.equals("jwk") ? ".json" : ".pem",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(keyFile, text);
                config.put("broker.key.source", "file");
                config.put("broker.key.file", keyFile.toString());
                if (!thumbprintKid && !format.equals("jwk")) {
                    config.put("broker.key.kid", key.kid());
                }
            } else {
                Map<String, String> secret = new HashMap<>();
                secret.put("private_key", text);
                if (!thumbprintKid) {
                    secret.put("kid", key.kid());
                }
                if (!clientIdInConfig) {
                    secret.put("client_id", CLIENT_ID);
                }
                vault.putSecret(KV_PATH, secret);
                config.put("broker.key.source", "vault");
                config.put("broker.key.vault.path", KV_PATH);
            }

            if (arg("vault-auth", "token").equals("kubernetes")) {
                serviceAccountToken = Files.createTempFile("sa-token", ".jwt");
                String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDp0b2tlbi1icm9rZXIifQ.c2ln";
                Files.writeString(serviceAccountToken, jwt);
                vault.enableKubernetesAuth(K8S_ROLE, jwt,
                        java.time.Duration.ofSeconds(Long.parseLong(arg("vault-token-ttl", "36000000"))));
                config.put("quarkus.vault.authentication.kubernetes.role", K8S_ROLE);
                config.put("quarkus.vault.authentication.kubernetes.jwt-token-path", serviceAccountToken.toString());
                config.put("quarkus.vault.tls.use-kubernetes-ca-cert", "false");
            } else {
                config.put("quarkus.vault.authentication.client-token", vault.rootToken());
            }
            if (!arg("dpop-key", "generated").equals("generated")) {
                vault.putSecret(DPOP_KV_PATH, Map.of("private_key", TestKey.named(arg("dpop-key", "")).pkcs8Pem()));
                config.put("broker.dpop.key.vault-path", DPOP_KV_PATH);
            }
            if (arg("vault-mode", "up").equals("down")) {
                vault.setMode(VaultStandIn.Mode.DOWN);
            }
            return config;
        } catch (IOException | org.jose4j.lang.JoseException e) {
            throw new IllegalStateException("cannot start the stand-ins", e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(standIns, new TestInjector.AnnotatedAndMatchesType(InjectStandIns.class, StandIns.class));
    }

    @Override
    public void stop() {
        if (standIns != null) {
            standIns.okta().close();
            standIns.vault().close();
        }
        deleteQuietly(keyFile);
        deleteQuietly(serviceAccountToken);
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // temp file; nothing else to do
            }
        }
    }
}
