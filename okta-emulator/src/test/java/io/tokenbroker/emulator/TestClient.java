package io.tokenbroker.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The service app the tests authenticate as, at the instant they run at: one client id and key for every test
 * class (generating RSA keys is the slow part of these tests), assertions issued at {@link #NOW}.
 */
final class TestClient {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String CLIENT_ID = "0oa-client";
    static final RsaJsonWebKey KEY = TestKeys.rsa();
    /** The org token URL of the servers the unit tests call directly (nothing listens there). */
    static final String ORG_TOKEN_URL = "http://127.0.0.1:1/oauth2/v1/token";

    private TestClient() {
    }

    /** A clock of each test's own, stopped at {@link #NOW}. */
    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** Registers the client with {@link #KEY} at {@code server}, these scopes granted. */
    static void registerAt(AuthorizationServer server, String... scopes) {
        server.registerClient(CLIENT_ID, List.of(KEY), Set.of(scopes));
    }

    /** The client's assertion for {@code tokenUrl}, still to be bent or signed. */
    static ClientAssertion assertion(String tokenUrl) {
        return ClientAssertion.of(CLIENT_ID, tokenUrl, NOW);
    }

    /** A token request for {@code tokenUrl} with a fresh assertion signed with {@link #KEY}. */
    static Map<String, String> form(String tokenUrl, String scope) {
        return ClientAssertion.form(assertion(tokenUrl).signedBy(KEY), scope);
    }
}
