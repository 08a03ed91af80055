package io.tokenbroker.dpop;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vault.VaultKVSecretReactiveEngine;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.TemporarilyUnavailableException;
import io.tokenbroker.key.KeyAlgorithms;
import io.tokenbroker.key.KeyPairMaterial;
import io.tokenbroker.key.KeySourceProducer;
import io.tokenbroker.key.PrivateKeyParser;
import io.tokenbroker.key.Thumbprints;

/**
 * The DPoP key: an EC P-256 key generated at start and kept in memory only, or, with
 * {@code broker.dpop.key.vault-path}, a key read once from Vault KV (a failed read is retried by the
 * next request that needs it). Only its public half ever leaves the process, inside proofs.
 */
@ApplicationScoped
public class DpopKeys {

    private static final Logger LOG = Logger.getLogger(DpopKeys.class);

    private final Optional<String> vaultPath;
    private final Instance<VaultKVSecretReactiveEngine> kv;
    private final AtomicReference<DpopKey> key = new AtomicReference<>();
    private final AtomicReference<Uni<DpopKey>> loading = new AtomicReference<>();

    DpopKeys(BrokerConfig config, Instance<VaultKVSecretReactiveEngine> kv) {
        this.vaultPath = config.dpop().key().vaultPath().filter(p -> !p.isBlank());
        this.kv = kv;
    }

    /** The key is made (or its read from Vault started) at start, off the request path. */
    void onStart(@Observes StartupEvent event) {
        current().subscribe().with(loaded -> {
        }, failure -> {
            // logged by fromVault; the next request that needs the key tries again
        });
    }

    /** The DPoP key; loads it on first use. */
    public Uni<DpopKey> current() {
        DpopKey loaded = key.get();
        if (loaded != null) {
            return Uni.createFrom().item(loaded);
        }
        if (vaultPath.isEmpty()) {
            return Uni.createFrom().item(generated());
        }
        Uni<DpopKey> inFlight = loading.get();
        if (inFlight == null) {
            Uni<DpopKey> created = fromVault(vaultPath.get()).memoize().indefinitely();
            inFlight = loading.compareAndSet(null, created) ? created : loading.get();
        }
        return inFlight;
    }

    private DpopKey generated() {
        synchronized (key) {
            DpopKey existing = key.get();
            if (existing != null) {
                return existing;
            }
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                DpopKey created = new DpopKey(pair.getPrivate(), pair.getPublic(), "ES256",
                        Thumbprints.of(pair.getPublic()), "generated");
                key.set(created);
                LOG.infof("DPoP key generated: %s", created);
                return created;
            } catch (Exception e) {
                throw new IllegalStateException("cannot generate the EC P-256 DPoP key", e);
            }
        }
    }

    private Uni<DpopKey> fromVault(String path) {
        var source = KeySourceProducer.vault(kv, path);
        return source.read()
                .map(raw -> {
                    KeyPairMaterial material = PrivateKeyParser.parse(raw.text(), Optional.empty(), raw.source());
                    String algorithm = KeyAlgorithms.resolve(material.publicKey(), Optional.empty(), raw.source());
                    return new DpopKey(material.privateKey(), material.publicKey(), algorithm,
                            Thumbprints.of(material.publicKey()), raw.source());
                })
                .invoke(loaded -> {
                    key.set(loaded);
                    LOG.infof("DPoP key loaded: %s", loaded);
                })
                .onFailure().invoke(failure -> {
                    loading.set(null);
                    LOG.warnf("the DPoP key cannot be read from %s: %s", source.describe(), failure.getMessage());
                })
                .onFailure().transform(failure -> new TemporarilyUnavailableException(
                        "the DPoP key is not loaded yet (" + source.describe() + ")", Duration.ofSeconds(1)));
    }
}
