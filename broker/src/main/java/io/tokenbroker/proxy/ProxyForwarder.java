package io.tokenbroker.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.dpop.DpopMetrics.Purpose;
import io.tokenbroker.dpop.DpopProofSigner;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.error.UpstreamRejectedException;
import io.tokenbroker.error.UpstreamUnavailableException;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.server.TokenTarget;
import io.tokenbroker.server.TokenTargets;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Forwards one caller request to the Okta domain with the broker's token attached (and, for a
 * DPoP-bound token, a proof for exactly this method and URL). A resource server's
 * {@code use_dpop_nonce} challenge is answered once, with its new nonce; the nonce is kept for the
 * next requests. Only a short list of end-to-end headers crosses in either direction.
 */
@ApplicationScoped
public class ProxyForwarder {

    static final String SCOPE_HEADER = "X-Token-Broker-Scope";
    static final String SERVER_HEADER = "X-Token-Broker-Server";
    private static final Logger LOG = Logger.getLogger(ProxyForwarder.class);
    private static final Set<String> REQUEST_HEADERS = Set.of("accept", "accept-language", "content-type", "if-match",
            "if-none-match", "user-agent");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Link", "ETag", "Location", "Retry-After",
            "WWW-Authenticate", "DPoP-Nonce", "X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset");

    private final BrokerConfig.Proxy config;
    private final Optional<String> domain;
    private final Vertx vertx;
    private final TokenTargets targets;
    private volatile HttpClient client;
    private volatile ProxyTarget target;

    ProxyForwarder(BrokerConfig config, Vertx vertx, TokenTargets targets) {
        this.config = config.proxy();
        this.domain = config.okta().domain().filter(d -> !d.isBlank());
        this.vertx = vertx;
        this.targets = targets;
    }

    Uni<Answer> forward(String method, String rawPath, String rawQuery, MultiMap headers, io.vertx.core.buffer.Buffer body) {
        return Uni.createFrom().deferred(() -> {
            ProxyTarget to = target();
            String requestTarget = to.requestTarget(rawPath, rawQuery);
            String scope = headers.get(SCOPE_HEADER);
            List<String> server = headers.getAll(SERVER_HEADER);
            if (server.size() > 1) {
                throw new InvalidRequestException("the " + SERVER_HEADER + " header must not be repeated");
            }
            TokenTarget tokens = targets.resolve(server.isEmpty() ? null : server.get(0));
            Outgoing outgoing = new Outgoing(to, method, requestTarget, headers, body == null ? new byte[0] : body.getBytes(),
                    tokens.proofs());
            return tokens.cache().get(tokens.scopes().resolve(scope == null ? null : List.of(scope)))
                    .flatMap(served -> send(outgoing, served.token(), true));
        });
    }

    private Uni<Answer> send(Outgoing outgoing, IssuedToken token, boolean mayRepeat) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(outgoing.method()))
                .setHost(outgoing.target().host())
                .setPort(outgoing.target().port())
                .setSsl(outgoing.target().ssl())
                .setURI(outgoing.requestTarget());
        REQUEST_HEADERS.forEach(name -> {
            String value = outgoing.headers().get(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        });
        options.putHeader("Authorization", token.tokenType() + " " + token.accessToken());
        // a proof is a 0.1-0.4 ms signature: signed on a worker, as /v1/authorize does
        Uni<RequestOptions> ready = token.dpop().isEmpty() ? Uni.createFrom().item(options)
                : Uni.createFrom().item(() -> options.putHeader("DPoP", outgoing.proofs().forResource(token.dpop().get(), outgoing.method(),
                        outgoing.url(), token.accessToken(), Optional.empty(), Purpose.PROXY).jwt()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return ready.flatMap(client()::request)
                .flatMap(request -> request.send(Buffer.buffer(outgoing.body()))) // a new buffer for a repeat
                .flatMap(this::read)
                .ifNoItem().after(config.timeout()).failWith(() -> new UpstreamUnavailableException(
                        "the Okta domain did not answer within " + config.timeout().toSeconds() + " s", Duration.ofSeconds(1), null))
                .onFailure(e -> !(e instanceof io.tokenbroker.error.BrokerException)).transform(e -> new UpstreamUnavailableException(
                        "the Okta domain is unreachable (" + e.getClass().getSimpleName() + ")", Duration.ofSeconds(1), e))
                .flatMap(answer -> {
                    boolean newNonce = outgoing.proofs().observeNonce(outgoing.target().origin(), answer.nonce());
                    if (token.dpop().isPresent() && answer.isNonceChallenge()) {
                        boolean repeat = mayRepeat && newNonce;
                        outgoing.proofs().metrics().nonceChallenge(Purpose.PROXY, repeat);
                        if (repeat) {
                            LOG.debugf("the resource server asked for a DPoP nonce; repeating %s %s with it", outgoing.method(),
                                    outgoing.requestTarget().replaceFirst("\\?.*", ""));
                            return send(outgoing, token, false);
                        }
                        outgoing.proofs().metrics().failure(Purpose.PROXY, "use_dpop_nonce");
                        LOG.warnf("the resource server refused the DPoP nonce again for %s %s; its 401 goes to the caller",
                                outgoing.method(), outgoing.requestTarget().replaceFirst("\\?.*", ""));
                    }
                    return Uni.createFrom().item(answer);
                });
    }

    /**
     * Reads the answer body, counting bytes as they arrive: past broker.proxy.max-response-size the
     * exchange is reset at once (the connection closed, not returned to the pool), so a chunked or
     * endless answer never sits in memory beyond the limit.
     */
    private Uni<Answer> read(HttpClientResponse response) {
        long maxBytes = config.maxResponseSize().asLongValue();
        String length = response.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
            response.request().reset();
            return Uni.createFrom().failure(tooLarge(maxBytes));
        }
        AtomicLong received = new AtomicLong();
        return response.toMulti()
                .onItem().invoke(chunk -> {
                    if (received.addAndGet(chunk.length()) > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                })
                .collect().in(Buffer::buffer, Buffer::appendBuffer)
                .onFailure().invoke(() -> response.request().reset())
                .map(buffer -> {
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                    RESPONSE_HEADERS.forEach(name -> {
                        String value = response.getHeader(name);
                        if (value != null) {
                            headers.add(name, value);
                        }
                    });
                    headers.add("Cache-Control", "no-store");
                    return new Answer(response.statusCode(), headers, buffer.getDelegate());
                });
    }

    private static UpstreamRejectedException tooLarge(long maxBytes) {
        return new UpstreamRejectedException("response_too_large",
                "the Okta domain's answer is larger than broker.proxy.max-response-size (" + maxBytes + " bytes)");
    }

    private ProxyTarget target() {
        ProxyTarget current = target;
        if (current == null) {
            current = ProxyTarget.of(domain.orElseThrow(() -> new InvalidRequestException(
                    "the proxy needs broker.okta.domain: it forwards to the Okta domain only")));
            target = current;
        }
        return current;
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new HttpClientOptions()
                            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()))
                            .setMaxPoolSize(16)
                            .setKeepAlive(true));
                }
                current = client;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.closeAndAwait();
        }
    }

    /** The request as the caller sent it, resolved against the Okta domain. */
    private record Outgoing(ProxyTarget target, String method, String requestTarget, MultiMap headers, byte[] body,
            DpopProofSigner proofs) {

        String url() {
            return target.origin() + requestTarget;
        }
    }

    /** The Okta domain's answer as the caller gets it: its status, the headers that cross, the body. */
    record Answer(int status, MultiMap headers, io.vertx.core.buffer.Buffer body) {

        String nonce() {
            return headers.get("DPoP-Nonce");
        }

        /** RFC 9449 section 9: 401 with {@code WWW-Authenticate: DPoP error="use_dpop_nonce"}. */
        boolean isNonceChallenge() {
            String challenge = headers.get("WWW-Authenticate");
            return status == 401 && challenge != null && challenge.contains("use_dpop_nonce");
        }
    }
}
