package io.tokenbroker.okta;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.assertion.ClientAssertionSigner;
import io.tokenbroker.assertion.SignedAssertion;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.BrokerException;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.scope.ScopeSet;

/**
 * Obtains access tokens with the client_credentials grant, authenticating with a freshly signed
 * client assertion on every attempt. Speaks the domain: tokens in, {@link BrokerException}s out.
 */
@ApplicationScoped
public class OktaTokenClient {

    private static final Logger LOG = Logger.getLogger(OktaTokenClient.class);

    private final TokenEndpoint endpoint;
    private final ClientAssertionSigner signer;
    private final Clock clock;
    private final BrokerConfig.Okta config;
    private final TokenAnswers answers;
    private final UpstreamMetrics metrics;
    private final RateLimitGate gate;
    private volatile OktaTokenApi api;

    OktaTokenClient(TokenEndpoint endpoint, ClientAssertionSigner signer, Clock clock, BrokerConfig config,
            ObjectMapper mapper, UpstreamMetrics metrics, RateLimitGate gate) {
        this.endpoint = endpoint;
        this.signer = signer;
        this.clock = clock;
        this.config = config.okta();
        this.answers = new TokenAnswers(mapper, clock);
        this.metrics = metrics;
        this.gate = gate;
    }

    /**
     * One token request, without retries ({@link ResilientTokenClient} adds them); nothing happens
     * until subscription, and each subscription signs anew.
     */
    public Uni<IssuedToken> fetch(ScopeSet scopes) {
        return Uni.createFrom().deferred(() -> {
            URI uri = endpoint.uri();
            return signer.assertionFor(uri.toString()).flatMap(assertion -> send(assertion, scopes));
        }).onFailure(e -> !(e instanceof BrokerException)).transform(OktaTokenClient::unreachable);
    }

    private Uni<IssuedToken> send(SignedAssertion assertion, ScopeSet scopes) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", scopes.asString());
        form.add("client_assertion_type", ClientAssertionSigner.ASSERTION_TYPE);
        form.add("client_assertion", assertion.jwt());
        Instant sentAt = clock.instant();
        long started = System.nanoTime();
        return api().token(form)
                .map(response -> {
                    gate.observe(response.getStatus(), response::getHeaderString);
                    return answers.read(response, scopes, sentAt);
                })
                .invoke(token -> audit(assertion, token))
                .onFailure(e -> !(e instanceof BrokerException)).transform(OktaTokenClient::unreachable)
                .onTermination().invoke((token, failure, cancelled) -> metrics.record(failure, System.nanoTime() - started));
    }

    private void audit(SignedAssertion assertion, IssuedToken token) {
        LOG.infof("token issued: client_id=%s scope=\"%s\" kid=%s type=%s expires_in=%d token_hash=%s",
                assertion.clientId(), token.requested().asString(), assertion.kid(), token.tokenType(),
                token.lifetime().toSeconds(), TokenHash.of(token.accessToken()));
    }

    private static Throwable unreachable(Throwable failure) {
        return new UpstreamUnavailableException("the authorization server is unreachable ("
                + failure.getClass().getSimpleName() + ")", TokenAnswers.DEFAULT_RETRY_AFTER, failure);
    }

    /** Builds the HTTP client ahead of the first request (start-up warm-up). */
    public void prepare() {
        api();
    }

    private OktaTokenApi api() {
        OktaTokenApi current = api;
        if (current == null) {
            current = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(endpoint.uri())
                    .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .build(OktaTokenApi.class);
            api = current;
        }
        return current;
    }

    static String errorTag(Throwable failure) {
        if (failure == null) {
            return "none";
        }
        if (failure instanceof UpstreamRejectedException rejected) {
            return rejected.upstreamError();
        }
        return failure instanceof BrokerException broker ? broker.error() : "unreachable";
    }
}
