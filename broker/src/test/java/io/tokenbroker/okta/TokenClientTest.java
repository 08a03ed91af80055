package io.tokenbroker.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.tokenbroker.assertion.SignedAssertion;
import io.tokenbroker.clock.Backoff;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.config.BrokerConfig.DpopMode;
import io.tokenbroker.dpop.DpopNonces;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.dpop.HandWiredDpop;
import io.tokenbroker.error.InvalidTokenResponseException;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.scope.ScopePolicy;
import io.tokenbroker.scope.ScopeSet;
import io.tokenbroker.testsupport.ManualClock;
import io.tokenbroker.testsupport.TestConfig;

/**
 * The token request path without an application: {@link ResilientTokenClient} over {@link OktaTokenClient}
 * over a transport that answers from a script (and, for DPoP, the proof signer with a generated key). Time moves only when the test moves the clock, so each
 * test counts requests and pauses, never measures them.
 */
class TokenClientTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ScopeSet SCOPES = ScopePolicy.parse("tokens.read");
    private static final String TOKEN = "{\"access_token\":\"t1\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final String TOKEN_URL = "https://login.example.com/oauth2/v1/token";
    private static final String USE_NONCE = "{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof.\"}";
    private static final String DPOP_TOKEN = "{\"access_token\":\"t1\",\"token_type\":\"DPoP\",\"expires_in\":3600}";

    private final ManualClock clock = new ManualClock(NOW);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final AtomicInteger signed = new AtomicInteger();
    private final List<TokenRequestEnded> ended = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ResilientTokenClient client = client();

    private ResilientTokenClient client() {
        return client(new OktaTokenClient.Dpop(DpopPolicy.bearerOnly(), null, new DpopNonces(), null));
    }

    private ResilientTokenClient client(OktaTokenClient.Dpop dpop) {
        BrokerConfig config = TestConfig.broker(Map.of("broker.okta.token-url", TOKEN_URL));
        UpstreamMetrics metrics = new UpstreamMetrics(registry);
        RateLimitGate gate = new RateLimitGate(clock, clock.pause(), 5, MAX_BACKOFF);
        OktaTokenClient.AssertionSource assertions = audience -> Uni.createFrom().item(
                () -> new SignedAssertion("assertion-" + signed.incrementAndGet(), "client", "kid"));
        OktaTokenClient okta = new OktaTokenClient(TokenEndpoint.configured(config), assertions, clock, new ObjectMapper(),
                metrics, gate, dpop, transport, ended::add);
        Backoff backoff = new Backoff(Duration.ofMillis(250), MAX_BACKOFF, Backoff.Jitter.FULL, new Random(7));
        return new ResilientTokenClient(okta, new UpstreamLimiter(4), clock.pause(), backoff, 3, metrics);
    }

    private UniAssertSubscriber<IssuedToken> fetch() {
        return client.fetch(SCOPES).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private double retries() {
        var retries = registry.find("broker.upstream.retries").counter();
        return retries == null ? 0 : retries.count();
    }

    @Test
    void serverErrorsAreRetriedAfterAGrowingJitteredBackoffEachWithAFreshAssertion() {
        transport.answer(500, "{\"error\":\"server_error\"}");
        transport.answer(502, "<html>bad gateway</html>");
        transport.answer(200, TOKEN);

        UniAssertSubscriber<IssuedToken> fetch = fetch();
        assertThat(transport.requests()).isEqualTo(1);
        assertThat(clock.pending()).isEqualTo(1);
        clock.advance(MAX_BACKOFF);
        assertThat(transport.requests()).isEqualTo(2);
        clock.advance(MAX_BACKOFF);

        assertThat(fetch.awaitItem().getItem().accessToken()).isEqualTo("t1");
        assertThat(transport.requests()).isEqualTo(3);
        assertThat(clock.pauses()).hasSize(2);
        assertThat(clock.pauses().get(0)).isBetween(Duration.ZERO, Duration.ofMillis(250));
        assertThat(clock.pauses().get(1)).isBetween(Duration.ZERO, Duration.ofMillis(500));
        assertThat(transport.assertions()).containsExactly("assertion-1", "assertion-2", "assertion-3");
        assertThat(retries()).isEqualTo(2);
        assertThat(ended).extracting(TokenRequestEnded::succeeded).containsExactly(false, false, true);
    }

    @Test
    void anIoFailureIsRetried() {
        transport.fail(new IOException("connection reset"));
        transport.answer(200, TOKEN);

        UniAssertSubscriber<IssuedToken> fetch = fetch();
        clock.advance(MAX_BACKOFF);

        assertThat(fetch.awaitItem().getItem().accessToken()).isEqualTo("t1");
        assertThat(transport.requests()).isEqualTo(2);
        assertThat(ended).extracting(TokenRequestEnded::error).containsExactly("temporarily_unavailable", TokenRequestEnded.NONE);
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedNoEarlierThanItsRetryAfter() {
        transport.answer(429, "{\"errorCode\":\"E0000047\"}", Map.of("Retry-After", "3"));
        transport.answer(200, TOKEN);

        UniAssertSubscriber<IssuedToken> fetch = fetch();
        clock.advance(Duration.ofSeconds(2));
        assertThat(transport.requests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(fetch.awaitItem().getItem().accessToken()).isEqualTo("t1");
        assertThat(transport.requests()).isEqualTo(2);
        assertThat(clock.pauses()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aRateLimitBeyondTheMaxBackoffEndsTheFetchAtOnceAndHoldsEveryOtherRequestUntilItsReset() {
        long reset = NOW.getEpochSecond() + 30;
        transport.answer(429, "{\"errorCode\":\"E0000047\"}", Map.of("X-Rate-Limit-Reset", Long.toString(reset)));

        UpstreamUnavailableException limited = (UpstreamUnavailableException) fetch().awaitFailure().getFailure();
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(clock.pauses()).isEmpty();

        clock.advance(Duration.ofSeconds(20));
        TemporarilyUnavailableException held = (TemporarilyUnavailableException) fetch().awaitFailure().getFailure();
        assertThat(held.retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(transport.requests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        transport.answer(200, TOKEN);
        assertThat(fetch().awaitItem().getItem().accessToken()).isEqualTo("t1");
        assertThat(transport.requests()).isEqualTo(2);
    }

    @Test
    void afterTheLastAttemptItsFailureIsAnswered() {
        for (int i = 0; i < 3; i++) {
            transport.answer(503, "<html>down</html>");
        }
        UniAssertSubscriber<IssuedToken> fetch = fetch();
        clock.advance(MAX_BACKOFF);
        clock.advance(MAX_BACKOFF);

        assertThat(fetch.awaitFailure().getFailure()).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(transport.requests()).isEqualTo(3);
        assertThat(clock.pauses()).hasSize(2);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aRejectionIsNotRetried() {
        transport.answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad signature\"}");

        assertThat(fetch().awaitFailure().getFailure()).isInstanceOf(UpstreamRejectedException.class)
                .hasMessageContaining("invalid_client");
        assertThat(transport.requests()).isEqualTo(1);
        assertThat(clock.pauses()).isEmpty();
        assertThat(ended).extracting(TokenRequestEnded::error).containsExactly("invalid_client");
    }

    @Test
    void anAnswerThatIsNoUsableTokenIsNotRetried() {
        transport.answer(200, "{\"access_token\":\"t1\",\"token_type\":\"mac\",\"expires_in\":3600}");

        assertThat(fetch().awaitFailure().getFailure()).isInstanceOf(InvalidTokenResponseException.class);
        assertThat(transport.requests()).isEqualTo(1);
        assertThat(clock.pauses()).isEmpty();
    }

    @Test
    void aUseDpopNonceAnswerIsRepeatedAtOnceWithTheServersNonceANewProofAndANewAssertion() throws Exception {
        ResilientTokenClient dpopClient = client(dpop(DpopMode.ALWAYS));
        transport.answer(400, USE_NONCE, Map.of("DPoP-Nonce", "n1"));
        transport.answer(200, DPOP_TOKEN);

        IssuedToken token = dpopClient.fetch(SCOPES).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitItem().getItem();

        assertThat(token.tokenType()).isEqualTo(IssuedToken.DPOP);
        assertThat(transport.requests()).isEqualTo(2);
        assertThat(transport.assertions()).containsExactly("assertion-1", "assertion-2");
        assertThat(nonceOf(transport.proofs().get(0))).isNull();
        assertThat(nonceOf(transport.proofs().get(1))).isEqualTo("n1");
        assertThat(clock.pauses()).isEmpty(); // a repeat, not a retry: no backoff
        assertThat(retries()).isZero();
    }

    @Test
    void aUseDpopNonceAnswerWithTheNonceAlreadySentIsNotRepeatedAgain() {
        ResilientTokenClient dpopClient = client(dpop(DpopMode.ALWAYS));
        transport.answer(400, USE_NONCE, Map.of("DPoP-Nonce", "n1"));
        transport.answer(400, USE_NONCE, Map.of("DPoP-Nonce", "n1"));

        Throwable failure = dpopClient.fetch(SCOPES).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure().getFailure();

        assertThat(failure).isInstanceOf(UpstreamRejectedException.class).hasMessageContaining("use_dpop_nonce");
        assertThat(transport.requests()).isEqualTo(2);
    }

    private OktaTokenClient.Dpop dpop(DpopMode mode) {
        HandWiredDpop dpop = HandWiredDpop.of(mode, clock);
        return new OktaTokenClient.Dpop(dpop.policy(), dpop.proofs(), dpop.nonces(), dpop.metrics());
    }

    private static String nonceOf(String proof) throws Exception {
        var jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(proof);
        return JwtClaims.parse(jws.getUnverifiedPayload()).getStringClaimValue("nonce");
    }

    /** Answers requests in order from a script; counts them and keeps the assertions and proofs they carried. */
    private static final class ScriptedTransport implements TokenTransport {

        private final Deque<Uni<Reply>> script = new ArrayDeque<>();
        private final List<String> assertions = new ArrayList<>();
        private final List<String> proofs = new ArrayList<>();

        void answer(int status, String body) {
            answer(status, body, Map.of());
        }

        void answer(int status, String body, Map<String, String> headers) {
            script.add(Uni.createFrom().item(new Reply(status, body, headers::get)));
        }

        void fail(Throwable failure) {
            script.add(Uni.createFrom().failure(failure));
        }

        @Override
        public synchronized Uni<Reply> post(Map<String, String> form, String dpopProof) {
            return Uni.createFrom().deferred(() -> {
                synchronized (this) {
                    assertions.add(form.get("client_assertion"));
                    proofs.add(dpopProof);
                    return script.remove();
                }
            });
        }

        synchronized int requests() {
            return assertions.size();
        }

        synchronized List<String> assertions() {
            return List.copyOf(assertions);
        }

        synchronized List<String> proofs() {
            return new ArrayList<>(proofs); // null where no proof was sent
        }
    }
}
