package io.tokenbroker.okta;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The token endpoint over HTTP, nothing more. Built programmatically by {@link RestTokenTransport}
 * with the resolved token URL as base URI; answers are read raw so that error bodies of any shape
 * (OAuth JSON, Okta's errorCode JSON, an HTML error page) can be classified. A null DPoP proof
 * sends no DPoP header.
 */
@RegisterRestClient(configKey = "okta-token")
interface OktaTokenApi {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> token(MultivaluedMap<String, String> form, @HeaderParam("DPoP") String dpopProof);
}
