package io.tokenbroker.testsupport;

import java.util.Map;

import io.tokenbroker.key.Thumbprints;

/**
 * The signing key a test gives the broker: which key, where the broker finds it, in which form, and
 * where its kid and the client id come from. The Okta stand-in registers its public half, the Vault
 * stand-in or a key file holds its private half.
 */
public record BrokerKey(Alg alg, Location location, Format format, Kid kid, ClientId clientId) {

    /** The key pairs of {@link TestKey}. */
    public enum Alg {
        RSA_2048("rsa2048"), P256("p256"), P384("p384"), P521("p521");

        private final String testKey;

        Alg(String testKey) {
            this.testKey = testKey;
        }

        public TestKey testKey() {
            return TestKey.named(testKey);
        }
    }

    /** Where the broker reads the key: {@code broker.key.source} vault, transit or file. */
    public enum Location {
        VAULT_KV, VAULT_TRANSIT, FILE
    }

    /** How the private key is written (KV and file; a Transit key never leaves Vault). */
    public enum Format {
        PKCS8, TRADITIONAL, ENCRYPTED, JWK
    }

    /** Where the kid comes from: the key source ({@code kid} field, JWK member, broker.key.kid) or the RFC 7638 thumbprint. */
    public enum Kid {
        FROM_SOURCE, THUMBPRINT
    }

    /** Where the client id comes from: the Vault secret's {@code client_id} or broker.okta.client-id. */
    public enum ClientId {
        IN_VAULT, IN_CONFIG
    }

    public static BrokerKey vault(Alg alg, Format format) {
        return new BrokerKey(alg, Location.VAULT_KV, format, Kid.FROM_SOURCE, ClientId.IN_VAULT);
    }

    public static BrokerKey file(Alg alg, Format format) {
        return new BrokerKey(alg, Location.FILE, format, Kid.FROM_SOURCE, ClientId.IN_CONFIG);
    }

    /** Transit keys have no kid of their own: the broker uses the thumbprint; the client id is configured. */
    public static BrokerKey transit(Alg alg) {
        return new BrokerKey(alg, Location.VAULT_TRANSIT, Format.PKCS8, Kid.THUMBPRINT, ClientId.IN_CONFIG);
    }

    public BrokerKey thumbprintKid() {
        return new BrokerKey(alg, location, format, Kid.THUMBPRINT, clientId);
    }

    public BrokerKey clientIdInConfig() {
        return new BrokerKey(alg, location, format, kid, ClientId.IN_CONFIG);
    }

    public TestKey testKey() {
        return alg.testKey();
    }

    /** The kid Okta has the public key registered under. */
    public String registeredKid() {
        return kid == Kid.THUMBPRINT ? Thumbprints.of(testKey().pair().getPublic()) : testKey().kid();
    }

    /** The private key as the file or the Vault secret holds it. */
    public String privateKeyText() {
        TestKey key = testKey();
        return switch (format) {
            case PKCS8 -> key.pkcs8Pem();
            case TRADITIONAL -> key.traditionalPem();
            case ENCRYPTED -> key.encryptedPkcs8Pem();
            case JWK -> key.privateJwk(kid == Kid.FROM_SOURCE);
        };
    }

    /** Through a test resource's init args, which Quarkus only takes as strings. */
    Map<String, String> toArgs() {
        return Map.of("key.alg", alg.name(), "key.location", location.name(), "key.format", format.name(),
                "key.kid", kid.name(), "key.client-id", clientId.name());
    }

    static BrokerKey fromArgs(Map<String, String> args) {
        return new BrokerKey(Alg.valueOf(args.get("key.alg")), Location.valueOf(args.get("key.location")),
                Format.valueOf(args.get("key.format")), Kid.valueOf(args.get("key.kid")), ClientId.valueOf(args.get("key.client-id")));
    }
}
