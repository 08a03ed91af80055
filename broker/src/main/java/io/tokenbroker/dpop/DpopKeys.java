package io.tokenbroker.dpop;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.clock.Pause;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.key.KeyAlgorithms;
import io.tokenbroker.key.KeyLoader;
import io.tokenbroker.key.KeyPairMaterial;
import io.tokenbroker.key.LocalSigner;
import io.tokenbroker.key.PrivateKeyParser;
import io.tokenbroker.key.RawKey;
import io.tokenbroker.key.Thumbprints;
import io.tokenbroker.vault.VaultKvKeySource;
import io.vertx.core.Vertx;

/**
 * The DPoP key: an EC P-256 key generated at start and kept in memory only, or, with
 * {@code broker.dpop.key.vault-path}, a key read from Vault KV through the same {@link KeyLoader} as
 * the signing key, so it is retried while Vault is down and re-read every
 * {@code broker.vault.refresh-interval} (a rotated key signs the next proofs; tokens bound to the
 * previous key keep it). Only its public half ever leaves the process, inside proofs.
 */
@ApplicationScoped
public class DpopKeys {

    private static final Logger LOG = Logger.getLogger(DpopKeys.class);
    /** Real time, not the injected clock: a matter of CPU at start, not of token lifetimes. */
    private static final Duration PREMADE_AFTER = Duration.ofSeconds(5);

    private final Optional<KeyLoader<LocalSigner>> vault;
    private final boolean neededForTheFirstToken;
    private final Vertx vertx;
    private volatile LocalSigner generated;

    /**
     * A named server's DPoP key: generated in memory when first needed, its own (broker.dpop.key.vault-path is
     * the default target's key).
     */
    public static DpopKeys generatedOnly(Vertx vertx) {
        return new DpopKeys(vertx);
    }

    private DpopKeys(Vertx vertx) {
        this.vault = Optional.empty();
        this.neededForTheFirstToken = false;
        this.vertx = vertx;
    }

    @jakarta.inject.Inject
    DpopKeys(BrokerConfig config, Instance<VaultKVSecretReactiveEngine> kv, Clock clock, Vertx vertx, Pause pause) {
        this.neededForTheFirstToken = config.okta().dpop() == BrokerConfig.DpopMode.ALWAYS;
        this.vertx = vertx;
        this.vault = config.dpop().key().vaultPath().filter(p -> !p.isBlank())
                .map(path -> VaultKvKeySource.at(kv, path))
                .map(source -> new KeyLoader<>(source.map(DpopKeys::parse), clock, vertx, pause, config.vault(),
                        new Logged(source.describe())));
    }

    /**
     * The key is made (or its read from Vault started) at start, off the request path. With
     * {@code dpop=always} the first token needs it, so it is made before start-up ends. Otherwise it is made
     * on a worker thread once the start-up rush is over: an EC key pair took about a tenth of the start-up
     * CPU while the JIT is cold, and most brokers only need it when the authorization server asks for DPoP
     * or a caller for a proof. One who needs it sooner makes it ({@link #generated} is synchronized).
     */
    void onStart(@Observes StartupEvent event) {
        if (vault.isPresent()) {
            vault.get().start();
        } else if (neededForTheFirstToken) {
            generated();
        } else {
            vertx.setTimer(PREMADE_AFTER.toMillis(), id -> vertx.executeBlocking(this::generated, false));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        vault.ifPresent(KeyLoader::stop);
    }

    /** The DPoP key; a 503 failure while a key from Vault cannot be had. */
    public Uni<LocalSigner> current() {
        if (vault.isEmpty()) {
            return Uni.createFrom().item(this::generated);
        }
        KeyLoader<LocalSigner> loader = vault.get();
        return loader.require(() -> new TemporarilyUnavailableException(
                "the DPoP key is not loaded yet (" + loader.describe() + ")", Duration.ofSeconds(1)));
    }

    /** For tests: the re-read of a key from Vault that is due (started now if need be), if any. */
    Optional<Uni<LocalSigner>> refreshIfDue() {
        return vault.flatMap(KeyLoader::refreshIfDue);
    }

    /** As the logs have always shown the DPoP key (operators grep for it); a DPoP key has no use for a kid. */
    private static String describe(LocalSigner key) {
        return "DpopKey[alg=" + key.algorithm() + ", jkt=" + key.jkt() + ", source=" + key.source() + "]";
    }

    private static LocalSigner parse(RawKey raw) {
        KeyPairMaterial material = PrivateKeyParser.parse(raw.text(), Optional.empty(), raw.source());
        String algorithm = KeyAlgorithms.resolve(material.publicKey(), Optional.empty(), raw.source());
        return new LocalSigner(material.privateKey(), material.publicKey(), Thumbprints.of(material.publicKey()), algorithm,
                raw.source());
    }

    private synchronized LocalSigner generated() {
        if (generated != null) {
            return generated;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            generated = new LocalSigner(pair.getPrivate(), pair.getPublic(), Thumbprints.of(pair.getPublic()), "ES256",
                    "generated");
            LOG.infof("DPoP key generated: %s", describe(generated));
            return generated;
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the EC P-256 DPoP key", e);
        }
    }

    /** Logs what the loader did; the loader's own retry replaces "the next request tries again". */
    private record Logged(String source) implements KeyLoader.Listener<LocalSigner> {

        @Override
        public void installed(LocalSigner previous, LocalSigner key) {
            if (previous == null) {
                LOG.infof("DPoP key loaded: %s", describe(key));
            } else if (!previous.jkt().equals(key.jkt())) {
                LOG.infof("DPoP key changed: %s (was jkt=%s)", describe(key), previous.jkt());
            }
        }

        @Override
        public void failed(Throwable failure, String reason, boolean keptKey) {
            if (keptKey) {
                LOG.warnf("re-reading the DPoP key from %s failed, the loaded key keeps signing proofs: %s", source, reason);
            } else {
                LOG.warnf("the DPoP key cannot be read from %s: %s", source, reason);
            }
        }
    }
}
