package io.tokenbroker.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tokenbroker.testsupport.Caller.caller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.profiles.FileSink;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/**
 * The token file sink against the Okta stand-in, on the shared clock: it follows refreshes of
 * short-lived tokens without a reader ever seeing a bad file, removes the file once its token has expired
 * with nothing newer, and survives a directory it cannot write to.
 */
@QuarkusTest
@TestProfile(FileSink.class)
class TokenFileSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIFETIME = Duration.ofSeconds(20);

    @InjectStandIn
    OktaEmulator okta;

    @Inject
    TokenFileSink sink;

    @Inject
    TokenCache cache;

    @Inject
    ScopePolicy scopes;

    @ConfigProperty(name = "broker.sink.file.path")
    Path file;

    @BeforeEach
    void coldWithShortLivedTokens() throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            Files.deleteIfExists(file.getParent());
            Files.createDirectories(file.getParent());
        }
        StandIns.startCold(okta);
        // 20 s tokens: served for 10 s (min-validity 60 s capped at half the lifetime), refreshed after ~8 s
        okta.issuer().tokenLifetime(LIFETIME);
    }

    private void check() throws Exception {
        sink.check().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private String lastIssued() {
        List<String> issued = okta.issuedTokens();
        return issued.get(issued.size() - 1);
    }

    private void awaitFileHolds(String token) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(file).hasContent(token));
    }

    /** Caller isolation (issue 28): other callers' scope sets never push these two out of the cache. */
    @Test
    void theDefaultAndTheFilesScopeSetsArePinnedInTheCache() {
        assertThat(cache.pinned(scopes.defaultScopes())).isTrue();
        assertThat(cache.pinned(sink.scopes())).isTrue();
        assertThat(cache.pinned(ScopePolicy.parse("tokens.write"))).isFalse();
    }

    @Test
    void whenShortLivedTokensAreRefreshedThenAReaderOnlyEverSeesIssuedUnexpiredTokens() throws Exception {
        check();
        awaitFileHolds(lastIssued());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");

        List<String> problems = new CopyOnWriteArrayList<>();
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicLong reads = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                Instant before = MutableClock.INSTANCE.instant();
                String content;
                try {
                    content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException e) {
                    problems.add("missing file");
                    continue;
                } catch (IOException e) {
                    problems.add(e.toString());
                    continue;
                }
                reads.incrementAndGet();
                seen.add(content);
                if (content.isEmpty()) {
                    problems.add("empty file");
                } else if (!okta.issuedTokens().contains(content)) {
                    problems.add("a token the stand-in never issued (partial?), " + content.length() + " chars");
                } else if (!expiry(content).isAfter(before)) {
                    problems.add("an expired token");
                }
                // still a tight loop, but one that lets the broker's threads run on a small machine
                Thread.yield();
            }
        }, "token-file-reader");
        reader.start();
        try {
            for (int refresh = 0; refresh < 3; refresh++) {
                int issuedBefore = okta.issuedTokens().size();
                // past the refresh point (at most 88% of the 10 s usable window), before the end of the window
                MutableClock.INSTANCE.advance(Duration.ofSeconds(9));
                check();
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> okta.issuedTokens().size() > issuedBefore);
                awaitFileHolds(lastIssued());
                long readsNow = reads.get();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reads.get() > readsNow + 100);
            }
        } finally {
            stop.set(true);
            reader.join();
        }

        assertThat(problems).isEmpty();
        assertThat(seen).hasSizeGreaterThanOrEqualTo(4).isSubsetOf(okta.issuedTokens());
        assertThat(RestAssured.get("/q/metrics").asString())
                .containsPattern("broker_sink_writes_total\\{outcome=\"written\",sink=\"file\"} [1-9]")
                .containsPattern("broker_sink_last_write_seconds\\{sink=\"file\"} [1-9]");
    }

    @Test
    void whenTheTokenExpiresWithNothingNewerThenTheFileIsRemovedAndWrittenAgainWithTheNextToken() throws Exception {
        check();
        awaitFileHolds(lastIssued());
        String before = lastIssued();

        okta.down(true);
        // past the token's servable life (10 s), before it expires (20 s): a reader may still use it
        MutableClock.INSTANCE.advance(Duration.ofSeconds(11));
        check();
        assertThat(file).hasContent(before);
        MutableClock.INSTANCE.advance(Duration.ofSeconds(9));
        check();
        assertThat(file).doesNotExist();
        assertThat(channels().path("data").path("sink_file_state").asText()).isEqualTo("EMPTY");

        okta.down(false);
        // past the failure backoff the cache keeps after the outage
        MutableClock.INSTANCE.advance(Duration.ofMinutes(2));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            check();
            assertThat(file).exists();
        });
        awaitFileHolds(lastIssued());
        assertThat(lastIssued()).isNotEqualTo(before);
        assertThat(channels().path("data").path("sink_file_state").asText()).isEqualTo("WRITTEN");
        assertThat(RestAssured.get("/q/metrics").asString())
                .containsPattern("broker_sink_writes_total\\{outcome=\"removed\",sink=\"file\"} [1-9]");
    }

    @Test
    void whenTheDirectoryCannotBeWrittenThenOneLineIsLoggedReadinessTellsAndV1KeepsServing() throws Exception {
        check();
        awaitFileHolds(lastIssued());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(TokenFileSink.class.getName());
        logger.addHandler(capture);
        Path directory = file.getParent();
        try {
            // a regular file where the directory was: even root cannot write below it
            Files.delete(file);
            Files.delete(directory);
            Files.writeString(directory, "not a directory");
            MutableClock.INSTANCE.advance(Duration.ofHours(1));

            for (int attempt = 0; attempt < 3; attempt++) {
                check();
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !sink.error().isEmpty());
            caller().get("/v1/token").then().statusCode(200);
            JsonNode data = channels().path("data");
            assertThat(data.path("sink_file_state").asText()).isEqualTo("FAILING");
            assertThat(data.path("sink_file_error").asText()).contains(directory.toString()).contains("not a directory");
            assertThat(RestAssured.get("/q/metrics").asString())
                    .containsPattern("broker_sink_writes_total\\{outcome=\"failed\",sink=\"file\"} [1-9]");

            Files.delete(directory);
            Files.createDirectories(directory);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                check();
                assertThat(file).exists();
            });
            awaitFileHolds(lastIssued());
            assertThat(channels().path("data").path("sink_file_state").asText()).isEqualTo("WRITTEN");
        } finally {
            logger.removeHandler(capture);
        }

        List<String> errors = new ArrayList<>();
        for (LogRecord record : records) {
            String line = record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters());
            for (String token : okta.issuedTokens()) {
                assertThat(line).doesNotContain(token);
            }
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(line);
            }
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains(file.toString()).contains("not a directory").contains("/v1 keeps serving");
    }

    private static JsonNode channels() throws IOException {
        JsonNode checks = JSON.readTree(RestAssured.get("/q/health/ready").asString()).path("checks");
        for (JsonNode check : checks) {
            if (check.path("name").asText().equals("token-broker")) {
                return check;
            }
        }
        throw new AssertionError("no token-broker readiness check");
    }

    /** The exp claim of one of the stand-in's JWT access tokens. */
    private static Instant expiry(String jwt) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
            return Instant.ofEpochSecond(JSON.readTree(payload).path("exp").asLong());
        } catch (IOException | RuntimeException e) {
            return Instant.MIN;
        }
    }
}
