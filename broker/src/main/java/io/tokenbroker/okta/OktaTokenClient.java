package io.tokenbroker.okta;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.assertion.ClientAssertionSigner;
import io.tokenbroker.assertion.SignedAssertion;
import io.tokenbroker.dpop.DpopMetrics;
import io.tokenbroker.dpop.DpopMetrics.Purpose;
import io.tokenbroker.dpop.DpopNonces;
import io.tokenbroker.dpop.DpopPolicy;
import io.tokenbroker.dpop.DpopProof;
import io.tokenbroker.dpop.DpopProofSigner;
import io.tokenbroker.dpop.Htu;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.InvalidTokenResponseException;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.scope.ScopeSet;

/**
 * Obtains access tokens with the client_credentials grant, authenticating with a freshly signed
 * client assertion on every attempt. Speaks the domain: tokens in, {@link BrokerException}s out.
 * Every request passes the {@link RateLimitGate} first, and every answer is shown to it; each ended
 * request is counted and announced as a {@link TokenRequestEnded} event.
 *
 * <p>DPoP (RFC 9449): when {@link DpopPolicy} says so, each request carries a fresh proof with the
 * server's latest nonce. A {@code use_dpop_nonce} answer with a new DPoP-Nonce, or in auto mode an
 * {@code invalid_dpop_proof} to a request without a proof, repeats the request at once, with a new
 * assertion (the server has consumed the old jti) and a new proof; at most twice per fetch.
 */
@ApplicationScoped
public class OktaTokenClient {

    private static final Logger LOG = Logger.getLogger(OktaTokenClient.class);

    private final TokenEndpoint endpoint;
    private final AssertionSource signer;
    private final Clock clock;
    private final TokenAnswers answers;
    private final UpstreamMetrics metrics;
    private final RateLimitGate gate;
    private final Dpop dpop;
    private final TokenTransport transport;
    private final Consumer<TokenRequestEnded> ended;

    /** Signs a client assertion for an audience; every subscription signs anew (fresh jti, iat, exp). */
    @FunctionalInterface
    public interface AssertionSource {
        Uni<SignedAssertion> assertionFor(String audience);
    }

    /** The DPoP collaborators, grouped. */
    record Dpop(DpopPolicy policy, DpopProofSigner proofs, DpopNonces nonces, DpopMetrics metrics) {
    }

    private static final int MAX_DPOP_REPEATS = 2;

    @Inject
    OktaTokenClient(TokenEndpoint endpoint, ClientAssertionSigner signer, Clock clock, ObjectMapper mapper, UpstreamMetrics metrics,
            RateLimitGate gate, DpopPolicy policy, DpopProofSigner proofs, DpopNonces nonces, DpopMetrics dpopMetrics,
            RestTokenTransport transport, Event<TokenRequestEnded> ended) {
        this(endpoint, signer::assertionFor, clock, mapper, metrics, gate, new Dpop(policy, proofs, nonces, dpopMetrics),
                transport, ended::fire);
    }

    OktaTokenClient(TokenEndpoint endpoint, AssertionSource signer, Clock clock, ObjectMapper mapper,
            UpstreamMetrics metrics, RateLimitGate gate, Dpop dpop, TokenTransport transport,
            Consumer<TokenRequestEnded> ended) {
        this.dpop = dpop;
        this.endpoint = endpoint;
        this.signer = signer;
        this.clock = clock;
        this.answers = new TokenAnswers(mapper, clock);
        this.metrics = metrics;
        this.gate = gate;
        this.transport = transport;
        this.ended = ended;
    }

    /**
     * One token request, without retries ({@link ResilientTokenClient} adds them); nothing happens
     * until subscription, and each subscription signs anew.
     */
    public Uni<IssuedToken> fetch(ScopeSet scopes) {
        return attempt(scopes, 0);
    }

    private Uni<IssuedToken> attempt(ScopeSet scopes, int repeats) {
        return gate.pass().flatMap(open -> {
            String url = endpoint.uri().toString();
            Uni<Optional<DpopProof>> proof = dpop.policy().active()
                    ? dpop.proofs().forTokenRequest(url).map(Optional::of)
                    : Uni.createFrom().item(Optional.empty());
            return proof.flatMap(p -> signer.assertionFor(url).flatMap(assertion -> send(assertion, p, scopes))
                    .onFailure(UpstreamRejectedException.class).recoverWithUni(
                            failure -> afterRejection((UpstreamRejectedException) failure, p, url, scopes, repeats)));
        }).onFailure(e -> !(e instanceof BrokerException)).transform(OktaTokenClient::unreachable);
    }

    /** The DPoP dance: repeat with a proof (auto mode) or with the server's new nonce; otherwise fail. */
    private Uni<IssuedToken> afterRejection(UpstreamRejectedException rejected, Optional<DpopProof> sent, String url,
            ScopeSet scopes, int repeats) {
        String error = rejected.upstreamError();
        DpopProof proof = sent.orElse(null);
        boolean canRepeat = repeats < MAX_DPOP_REPEATS;
        if (proof == null && canRepeat && dpop.policy().switchesOn(error, rejected.description())) {
            return attempt(scopes, repeats + 1);
        }
        if (proof != null && DpopPolicy.USE_NONCE.equals(error)) {
            Optional<String> latest = dpop.nonces().forServer(Htu.origin(url));
            boolean retry = canRepeat && latest.isPresent() && !latest.equals(proof.nonce());
            dpop.metrics().nonceChallenge(Purpose.TOKEN, retry);
            if (retry) {
                LOG.debugf("the token endpoint asked for a DPoP nonce; repeating with it and a new assertion");
                return attempt(scopes, repeats + 1);
            }
        }
        if (proof != null && (DpopPolicy.USE_NONCE.equals(error) || DpopPolicy.INVALID_PROOF.equals(error))) {
            dpop.metrics().failure(Purpose.TOKEN, error);
        }
        return Uni.createFrom().failure(rejected);
    }

    private Uni<IssuedToken> send(SignedAssertion assertion, Optional<DpopProof> proof, ScopeSet scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", scopes.asString());
        form.put("client_assertion_type", ClientAssertionSigner.ASSERTION_TYPE);
        form.put("client_assertion", assertion.jwt());
        Instant sentAt = clock.instant();
        long started = System.nanoTime();
        return transport.post(form, proof.map(DpopProof::jwt).orElse(null))
                .map(reply -> {
                    gate.observe(reply.status(), reply.header());
                    dpop.nonces().observe(Htu.origin(endpoint.uri().toString()), reply.header().apply("DPoP-Nonce"));
                    return bind(answers.read(reply.status(), reply.body(), reply.header(), scopes, sentAt), proof);
                })
                .invoke(token -> audit(assertion, token))
                .onFailure(e -> !(e instanceof BrokerException)).transform(OktaTokenClient::unreachable)
                .onTermination().invoke((token, failure, cancelled) -> {
                    metrics.record(failure, System.nanoTime() - started);
                    ended.accept(new TokenRequestEnded(errorTag(failure)));
                });
    }

    /** A DPoP token is bound to the key whose proof obtained it; a server may also ignore the proof and answer Bearer. */
    private static IssuedToken bind(IssuedToken token, Optional<DpopProof> proof) {
        boolean dpopType = IssuedToken.DPOP.equals(token.tokenType());
        if (dpopType && proof.isEmpty()) {
            throw new InvalidTokenResponseException("token_type", "is DPoP, but the request carried no DPoP proof");
        }
        return dpopType ? token.boundTo(proof.get().key()) : token;
    }

    private void audit(SignedAssertion assertion, IssuedToken token) {
        LOG.infof("token issued: client_id=%s scope=\"%s\" kid=%s type=%s%s expires_in=%d token_hash=%s",
                assertion.clientId(), token.requested().asString(), assertion.kid(), token.tokenType(),
                token.dpop().map(key -> " jkt=" + key.jkt()).orElse(""), token.lifetime().toSeconds(),
                TokenHash.of(token.accessToken()));
    }

    private static Throwable unreachable(Throwable failure) {
        return new UpstreamUnavailableException("the authorization server is unreachable ("
                + failure.getClass().getSimpleName() + ")", TokenAnswers.DEFAULT_RETRY_AFTER, failure);
    }

    /** Builds the HTTP client ahead of the first request (start-up warm-up). */
    public void prepare() {
        transport.prepare();
    }

    static String errorTag(Throwable failure) {
        if (failure == null) {
            return TokenRequestEnded.NONE;
        }
        if (failure instanceof UpstreamRejectedException rejected) {
            return rejected.upstreamError();
        }
        return failure instanceof BrokerException broker ? broker.error() : "unreachable";
    }
}
