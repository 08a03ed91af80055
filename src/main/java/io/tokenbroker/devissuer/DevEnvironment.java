package io.tokenbroker.devissuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.KeySource;
import io.tokenbroker.key.RawKey;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.okta.TokenEndpoint;

/**
 * The embedded default of the dev and test profiles ({@code broker.key.source=dev}): a key
 * generated at start and a {@link DevIssuer} on a free loopback port that has the key's public half
 * registered for the configured client id and scopes. Removed from prod builds.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
@Typed({ KeySource.class, TokenEndpoint.DevTokenEndpoint.class, DevEnvironment.class })
public class DevEnvironment implements KeySource<RawKey>, TokenEndpoint.DevTokenEndpoint {

    static final String DEFAULT_CLIENT_ID = "0oa-dev-client";
    private static final Logger LOG = Logger.getLogger(DevEnvironment.class);

    private final Clock clock;
    private final BrokerConfig config;
    private volatile Started started;

    DevEnvironment(Clock clock, BrokerConfig config) {
        this.clock = clock;
        this.config = config;
    }

    @Override
    public Uni<RawKey> load() {
        Started env = start();
        return Uni.createFrom().item(new RawKey(env.privateJwk(), Optional.of(env.kid()),
                Optional.of(config.okta().clientId().orElse(DEFAULT_CLIENT_ID)), describe()));
    }

    @Override
    public String describe() {
        return "embedded dev key";
    }

    @Override
    public String tokenUrl() {
        return start().server().issuer().tokenUrl();
    }

    public DevIssuerServer server() {
        return start().server();
    }

    private synchronized Started start() {
        if (started == null) {
            started = create();
        }
        return started;
    }

    private Started create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
            String kid = Thumbprints.of(pair.getPublic());
            jwk.setKeyId(kid);
            DevIssuerServer server = new DevIssuerServer(clock);
            String clientId = config.okta().clientId().orElse(DEFAULT_CLIENT_ID);
            server.issuer().registerClient(clientId, List.of(jwk), grantedScopes());
            LOG.infof("dev issuer listening at %s for client %s (dev profile only: no Okta, no Vault)",
                    server.issuer().tokenUrl(), clientId);
            return new Started(server, jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), kid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the dev issuer", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the dev key", e);
        }
    }

    private Set<String> grantedScopes() {
        Set<String> scopes = new LinkedHashSet<>(config.okta().defaultScopes().orElse(List.of()));
        scopes.addAll(config.okta().allowedScopes().orElse(List.of()));
        return scopes;
    }

    @PreDestroy
    void stop() {
        if (started != null) {
            started.server().close();
        }
    }

    private record Started(DevIssuerServer server, String privateJwk, String kid) {
        @Override
        public String toString() {
            return "Started[kid=" + kid + "]";
        }
    }
}
