package bench.peer;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;

/**
 * What an application does in-process with quarkus-oidc-client: one private_key_jwt client and the
 * extension's own token cache ({@link TokensHelper}, as its REST client filters use it), asked for
 * the access token on every request it serves.
 */
@Path("/peer/token")
public class PeerResource {

    private final TokensHelper tokens = new TokensHelper();

    @Inject
    OidcClient client;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> token() {
        return tokens.getTokens(client).map(t -> t.getAccessToken());
    }
}
