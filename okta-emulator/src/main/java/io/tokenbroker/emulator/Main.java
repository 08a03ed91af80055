package io.tokenbroker.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwk.PublicJsonWebKey;

/**
 * The emulator as a process, for the benchmarks and for trying the broker by hand:
 * <pre>
 * java -jar okta-emulator/target/token-broker-okta-emulator-*.jar --key public-or-private.pem [--kid KID]
 *      [--client-id ID] [--scopes a,b] [--port P] [--expires-in SECONDS] [--delay-ms MS] [--rate-limit PER_MINUTE]
 *      [--custom-server ID]...
 * </pre>
 * registers the client with the key's public half (kid: its RFC 7638 thumbprint unless given) and the scopes
 * granted on the org server and on each custom server named, prints {@code okta emulator on URL}, then one line
 * {@code issued N} per access token (benchmarks count them).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> options = options(args);
        if (!options.containsKey("key")) {
            System.err.println("usage: --key PEM [--kid KID] [--client-id ID] [--scopes a,b] [--port P] [--expires-in S]"
                    + " [--delay-ms MS] [--rate-limit PER_MINUTE] [--custom-server ID]...");
            System.exit(2);
        }
        OktaEmulator okta = new OktaEmulator(Clock.systemUTC(), Integer.parseInt(first(options, "port", "0")));
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey(Path.of(first(options, "key", null))));
        jwk.setKeyId(options.containsKey("kid") ? first(options, "kid", null) : jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        String clientId = first(options, "client-id", "bench");
        Set<String> scopes = new LinkedHashSet<>(List.of(first(options, "scopes", "tokens.read,tokens.write").split(",")));
        Duration lifetime = Duration.ofSeconds(Long.parseLong(first(options, "expires-in", "3600")));
        List<AuthorizationServer> servers = new java.util.ArrayList<>(List.of(okta.issuer()));
        options.getOrDefault("custom-server", List.of()).forEach(id -> servers.add(okta.customServer(id)));
        for (AuthorizationServer server : servers) {
            server.registerClient(clientId, List.of(jwk), scopes);
            server.tokenLifetime(lifetime);
        }
        okta.delay(Duration.ofMillis(Long.parseLong(first(options, "delay-ms", "0"))));
        okta.rateLimitPerMinute(Integer.parseInt(first(options, "rate-limit", String.valueOf(RateLimits.DEFAULT_PER_MINUTE))));
        okta.onIssued(count -> System.out.println("issued " + count));
        Runtime.getRuntime().addShutdownHook(new Thread(okta::close, "okta-emulator-stop"));
        System.out.println("okta emulator on " + okta.baseUrl() + " (client " + clientId + ", kid " + jwk.getKeyId() + ")");
    }

    /** {@code --name value} pairs; a name may repeat. */
    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
            }
            options.computeIfAbsent(args[i].substring(2), name -> new java.util.ArrayList<>()).add(args[i + 1]);
        }
        return options;
    }

    private static String first(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(0);
    }

    /** The public key of a PEM file: an X.509 public key, or an unencrypted PKCS#8 RSA private key (openssl genpkey). */
    static PublicKey publicKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        if (text.contains("PUBLIC KEY")) {
            // the label is "PUBLIC KEY" for every algorithm: only the DER's algorithm identifier tells RSA from EC
            X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
            try {
                return KeyFactory.getInstance("RSA").generatePublic(spec);
            } catch (InvalidKeySpecException notRsa) {
                return KeyFactory.getInstance("EC").generatePublic(spec);
            }
        }
        if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException(pem + ": a private key must be an RSA PKCS#8 key with its CRT parameters");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
}
