package io.tokenbroker.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokenbroker.cache.TokenCache;
import io.tokenbroker.dpop.DpopMetrics.Purpose;
import io.tokenbroker.dpop.DpopNonces;
import io.tokenbroker.dpop.DpopProofSigner;
import io.tokenbroker.dpop.Htu;
import io.tokenbroker.error.InvalidRequestException;
import io.tokenbroker.scope.ScopePolicy;

/**
 * {@code POST /v1/authorize}: the headers for one outgoing request. For a DPoP-bound token,
 * {@code Authorization: DPoP <token>} and a fresh proof for exactly this method and URL (htu without
 * query and fragment, ath of the token, the resource server's nonce when the caller passes it back);
 * for a Bearer token just {@code Authorization: Bearer <token>}.
 */
@Path("/v1/authorize")
public class AuthorizeResource {

    private static final int MAX_URL_LENGTH = 4096;

    private final TokenCache cache;
    private final ScopePolicy scopes;
    private final RequestMetrics metrics;
    private final DpopProofSigner proofs;
    private final ProofOrigins origins;

    AuthorizeResource(TokenCache cache, ScopePolicy scopes, RequestMetrics metrics, DpopProofSigner proofs, ProofOrigins origins) {
        this.cache = cache;
        this.origins = origins;
        this.proofs = proofs;
        this.scopes = scopes;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<AuthorizeResponse>> authorize(AuthorizeRequest request) {
        return Uni.createFrom().deferred(() -> {
            validate(request);
            return cache.get(scopes.resolve(request.scope() == null ? null : List.of(request.scope())));
        }).flatMap(served -> {
            metrics.served(served.source());
            var token = served.token();
            if (token.dpop().isEmpty()) {
                return Uni.createFrom().item(answer(Map.of("Authorization", token.tokenType() + " " + token.accessToken())));
            }
            // a proof is a 0.1-0.4 ms signature: on a worker, so that the event loops keep serving cached tokens
            return Uni.createFrom().item(() -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", token.tokenType() + " " + token.accessToken());
                headers.put("DPoP", proofs.forResource(token.dpop().get(), request.method(), request.url(),
                        token.accessToken(), Optional.ofNullable(request.nonce()), Purpose.RESOURCE).jwt());
                return answer(headers);
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    private static RestResponse<AuthorizeResponse> answer(Map<String, String> headers) {
        return RestResponse.ResponseBuilder.ok(new AuthorizeResponse(headers))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    private void validate(AuthorizeRequest request) {
        if (request == null) {
            throw new InvalidRequestException("a JSON body {\"method\",\"url\",\"scope\"} is required");
        }
        if (request.method() == null || !request.method().matches("[A-Z]{3,10}")) {
            throw new InvalidRequestException("method must be an HTTP method such as GET or POST");
        }
        if (request.url() == null || request.url().length() > MAX_URL_LENGTH) {
            throw new InvalidRequestException("url is required (at most " + MAX_URL_LENGTH + " characters)");
        }
        try {
            Htu.of(request.url());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("url must be an absolute http(s) URL");
        }
        // for Bearer tokens too: a caller's behaviour must not change when the app starts requiring DPoP
        if (!origins.allows(request.url())) {
            throw new InvalidRequestException("url's origin is not one this broker authorizes requests for"
                    + " (the Okta domain and broker.dpop.allowed-origins)");
        }
        if (request.nonce() != null && !DpopNonces.wellFormed(request.nonce())) {
            throw new InvalidRequestException("nonce must be the resource server's DPoP-Nonce value (printable ASCII, at most "
                    + DpopNonces.MAX_NONCE_LENGTH + " characters)");
        }
    }
}
