package io.tokenbroker.proxy;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;

/**
 * {@code /v1/proxy/{path}}: the optional forward proxy to broker.okta.domain (off unless
 * {@code broker.proxy.enabled=true}; then 404). The caller's path and query are kept as received;
 * the scope comes from {@code X-Token-Broker-Scope}, else the default scopes.
 */
@Path("/v1/proxy")
public class ProxyResource {

    private static final String PREFIX = "/v1/proxy";

    private final boolean enabled;
    private final ProxyForwarder forwarder;

    ProxyResource(BrokerConfig config, ProxyForwarder forwarder) {
        this.enabled = config.proxy().enabled();
        this.forwarder = forwarder;
    }

    @GET
    @Path("{path: .*}")
    public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", uri, headers, null);
    }

    @DELETE
    @Path("{path: .*}")
    public Uni<Response> delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", uri, headers, null);
    }

    @POST
    @Path("{path: .*}")
    public Uni<Response> post(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("POST", uri, headers, body);
    }

    @PUT
    @Path("{path: .*}")
    public Uni<Response> put(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PUT", uri, headers, body);
    }

    @PATCH
    @Path("{path: .*}")
    public Uni<Response> patch(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PATCH", uri, headers, body);
    }

    private Uni<Response> forward(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        if (!enabled) {
            throw new NotFoundException();
        }
        String rawPath = uri.getRequestUri().getRawPath();
        String below = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
        return forwarder.forward(method, below, uri.getRequestUri().getRawQuery(), headers.getRequestHeaders(), body);
    }
}
