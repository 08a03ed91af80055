package io.tokenbroker.okta;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;

/** The broker's token endpoint transport: the reactive REST client {@link OktaTokenApi}, built on first use. */
@ApplicationScoped
class RestTokenTransport implements TokenTransport {

    private final TokenEndpoint endpoint;
    private final BrokerConfig.Okta config;
    private volatile OktaTokenApi api;

    RestTokenTransport(TokenEndpoint endpoint, BrokerConfig config) {
        this.endpoint = endpoint;
        this.config = config.okta();
    }

    @Override
    public Uni<Reply> post(Map<String, String> form, String dpopProof) {
        MultivaluedMap<String, String> body = new MultivaluedHashMap<>();
        form.forEach(body::add);
        return api().token(body, dpopProof).map(RestTokenTransport::reply);
    }

    @Override
    public void prepare() {
        api();
    }

    private static Reply reply(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new Reply(response.getStatus(), body, response::getHeaderString);
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
}
