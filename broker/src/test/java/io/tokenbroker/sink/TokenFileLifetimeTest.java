package io.tokenbroker.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.cache.TestCaches;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.testsupport.ManualClock;
import io.tokenbroker.testsupport.TestConfig;
import io.vertx.core.Vertx;

/**
 * The token file's lifetime without an application, on the test's clock (issue 28, 2): the file is never
 * missing while the token it holds is still valid, a refresh under way or failing included; it goes once
 * that token has expired with nothing newer, and stays at shutdown. 20 s tokens: the broker serves them for
 * 10 s (min-validity capped at half the lifetime) and refreshes after 8 s.
 */
class TokenFileLifetimeTest {

    private static final ScopeSet SCOPES = ScopePolicy.parse("tokens.read");
    private static final Duration LIFETIME = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final Deque<Supplier<Uni<IssuedToken>>> script = new ArrayDeque<>();
    private final Vertx vertx = Vertx.vertx();
    private int issued;
    private TokenCache cache;

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Path file() {
        return directory.resolve("token");
    }

    private TokenFileSink sink(String format) {
        BrokerConfig config = TestConfig.broker(Map.of("broker.sink.file.path", file().toString(),
                "broker.sink.file.format", format, "broker.token.refresh-jitter", "0",
                // a caller joining the refresh under way gives up at once: the check then sees a failed answer
                "broker.token.max-wait", "100ms"));
        cache = TestCaches.over(scopes -> script.remove().get(), clock, config);
        return new TokenFileSink(config.sink().file(), SCOPES, cache, clock, vertx, new SinkMetrics(new SimpleMeterRegistry()));
    }

    private void answerToken() {
        script.add(() -> Uni.createFrom().item(this::token));
    }

    private CompletableFuture<IssuedToken> answerLater() {
        CompletableFuture<IssuedToken> answer = new CompletableFuture<>();
        script.add(() -> Uni.createFrom().completionStage(answer));
        return answer;
    }

    private void answerOutage() {
        script.add(() -> Uni.createFrom().failure(new UpstreamUnavailableException("HTTP 503", Duration.ofSeconds(1), null)));
    }

    private IssuedToken token() {
        Instant now = clock.instant();
        return new IssuedToken("t" + ++issued, IssuedToken.BEARER, now, now.plus(LIFETIME), SCOPES.asString(), SCOPES);
    }

    private static void check(TokenFileSink sink) throws Exception {
        sink.check().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Caller isolation (issue 28): other callers' scope sets never push the file's out of the cache. */
    @Test
    void theFilesScopeSetIsPinnedInTheCache() {
        sink("raw");
        assertThat(cache.pinned(SCOPES)).isTrue();
    }

    @Test
    void whileARefreshIsUnderWayTheFileKeepsItsTokenUntilItExpires() throws Exception {
        TokenFileSink sink = sink("raw");
        answerToken();
        check(sink);
        assertThat(file()).hasContent("t1");

        CompletableFuture<IssuedToken> refresh = answerLater();
        clock.advance(Duration.ofSeconds(9)); // past the refresh point
        check(sink); // serves t1 and starts the refresh, which hangs
        assertThat(script).isEmpty();

        clock.advance(Duration.ofSeconds(2)); // t1 no longer served by the broker, valid for 9 s more
        check(sink);
        assertThat(file()).hasContent("t1");
        clock.advance(Duration.ofSeconds(8)); // 1 s left
        check(sink);
        assertThat(file()).hasContent("t1");

        refresh.complete(token());
        check(sink);
        assertThat(file()).hasContent("t2");
    }

    @Test
    void whenRefreshesFailTheFileStaysUntilItsTokenExpiresThenGoesAndStaysGoneAtShutdown() throws Exception {
        TokenFileSink sink = sink("raw");
        answerToken();
        check(sink);

        clock.advance(Duration.ofSeconds(11)); // not served any more, still valid
        answerOutage();
        check(sink);
        assertThat(file()).hasContent("t1");

        clock.advance(Duration.ofSeconds(9)); // expired: the outage is still remembered, nothing newer
        check(sink);
        assertThat(file()).doesNotExist();
        assertThat(sink.holdsToken()).isFalse();

        clock.advance(Duration.ofMinutes(2)); // past the failure backoff
        answerToken();
        check(sink);
        assertThat(file()).hasContent("t2");
        sink.onStop(new ShutdownEvent());
        assertThat(file()).hasContent("t2"); // left in place: good until it expires
    }

    @Test
    void aFileLeftByAnEarlierRunStaysWhileItsJwtIsValidAndNoTokenCanBeHad() throws Exception {
        Instant exp = clock.instant().plusSeconds(30);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        String leftover = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln";
        Files.writeString(file(), leftover);
        TokenFileSink sink = sink("raw");

        answerOutage();
        check(sink);
        assertThat(file()).hasContent(leftover);

        clock.advance(Duration.ofSeconds(30));
        check(sink); // the outage is remembered: no token, and the left one has expired
        assertThat(file()).doesNotExist();
    }
}
