package io.tokenbroker.emulator;

import static io.tokenbroker.emulator.Answers.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * The dev default: with no Okta endpoint and no key source configured, one config source pointing the broker at
 * the JVM's emulator with a generated key file; anything configured wins. The emulator is the JVM's one
 * ({@link DevOkta#shared()}), so each case reads what it registered rather than assuming a fresh one.
 */
class DevDefaultsTest {

    /** What the application configures: application.properties' ordinal. */
    private static List<ConfigSource> sources(Map<String, String> configured) {
        return sources(configured, 250);
    }

    private static List<ConfigSource> sources(Map<String, String> configured, int ordinal) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = configured.get(name);
                return value == null ? null
                        : ConfigValue.builder().withName(name).withValue(value).withConfigSourceOrdinal(ordinal).build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public Iterator<String> iterateNames() {
                return configured.keySet().iterator();
            }
        };
        List<ConfigSource> sources = new ArrayList<>();
        new DevDefaults().getConfigSources(context).forEach(sources::add);
        return sources;
    }

    private static Map<String, String> onlySource(Map<String, String> configured) {
        List<ConfigSource> sources = sources(configured);
        assertThat(sources).hasSize(1);
        return sources.get(0).getProperties();
    }

    @Test
    void withNothingConfiguredItPointsTheBrokerAtTheEmulatorWithAKeyFile() {
        List<ConfigSource> sources = sources(Map.of());

        assertThat(sources).hasSize(1);
        // below application.properties (250): anything the application configures wins
        assertThat(sources.get(0).getOrdinal()).isLessThan(250);
        Map<String, String> settings = sources.get(0).getProperties();
        assertThat(settings.get("broker.okta.domain")).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(settings).containsEntry("broker.key.source", "file")
                .containsEntry("broker.okta.client-id", "0oa-dev-client")
                .containsKey("broker.key.file");
    }

    @Test
    void theKeyFileIsAPrivateJwkOnlyItsOwnerCanReadNamedByItsThumbprint() throws Exception {
        Map<String, String> settings = onlySource(Map.of());

        assertThat(Files.getPosixFilePermissions(Path.of(settings.get("broker.key.file"))))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        RsaJsonWebKey key = key(settings);
        assertThat(key.getPrivateKey()).isNotNull();
        assertThat(key.getKeyId()).isEqualTo(TestKeys.thumbprint(key));
    }

    @Test
    void theEmulatorGrantsTheConfiguredDefaultAndAllowedScopesToATokenSignedWithTheKeyFile() throws Exception {
        Map<String, String> settings = onlySource(Map.of(
                "broker.okta.default-scopes", "tokens.read",
                "broker.okta.allowed-scopes", "tokens.write, admin.read"));

        assertThat(requestToken(settings, "tokens.read tokens.write admin.read").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = requestToken(settings, "tokens.read admin.write");
        assertRefused(refused.statusCode(), refused.body(), 400, "invalid_scope", "not configured");
    }

    @Test
    void aConfiguredClientIdIsRegisteredAndNotOverridden() throws Exception {
        Map<String, String> settings = onlySource(Map.of(
                "broker.okta.client-id", "0oa-configured",
                "broker.okta.default-scopes", "tokens.read"));

        assertThat(settings).doesNotContainKey("broker.okta.client-id");
        // the broker sees the configured client id with the source's domain and key file
        Map<String, String> broker = new HashMap<>(settings);
        broker.put("broker.okta.client-id", "0oa-configured");
        HttpResponse<String> answer = requestToken(broker, "tokens.read");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Answers.json(answer.body()).path("scope").asText()).isEqualTo("tokens.read");
    }

    @ParameterizedTest
    @CsvSource({ "broker.okta.domain, https://example.okta.com", "broker.okta.token-url, https://example.okta.com/oauth2/v1/token",
            "broker.key.source, vault" })
    void aConfiguredEndpointOrKeySourceLeavesTheDefaultOut(String name, String value) {
        assertThat(sources(Map.of(name, value))).isEmpty();
    }

    @Test
    void valuesQuarkusRecordedFromTheBuildDoNotCountAsConfigured() {
        // Quarkus runs the factory while building and records what it supplied in a source far below this one
        Map<String, String> recorded = Map.of("broker.okta.domain", "http://127.0.0.1:1", "broker.key.source", "file",
                "broker.key.file", "/nonexistent/dev-key.jwk.json");
        List<ConfigSource> sources = sources(recorded, Integer.MIN_VALUE + 200);
        assertThat(sources).hasSize(1);
        Map<String, String> settings = sources.get(0).getProperties();
        assertThat(settings.get("broker.okta.domain")).isNotEqualTo("http://127.0.0.1:1");
        assertThat(Path.of(settings.get("broker.key.file"))).exists();
    }

    @Test
    void aBlankEndpointCountsAsNotConfigured() {
        assertThat(sources(Map.of("broker.okta.domain", " "))).hasSize(1);
    }

    /** What a broker with these settings sends: an assertion signed with the key file, for its client, to the domain. */
    private static HttpResponse<String> requestToken(Map<String, String> settings, String scope) throws Exception {
        String tokenUrl = settings.get("broker.okta.domain") + "/oauth2/v1/token";
        String assertion = ClientAssertion.of(settings.get("broker.okta.client-id"), tokenUrl, Instant.now()).signedBy(key(settings));
        return Http.post(tokenUrl, ClientAssertion.form(assertion, scope));
    }

    /** The key of broker.key.file, as a broker with {@code key.source=file} reads it. */
    private static RsaJsonWebKey key(Map<String, String> settings) throws Exception {
        return (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(Files.readString(Path.of(settings.get("broker.key.file"))));
    }
}
