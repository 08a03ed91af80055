package io.tokenbroker.vault;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import io.quarkus.vault.VaultTransitSecretReactiveEngine;
import io.quarkus.vault.transit.VaultTransitAsymmetricKeyVersion;
import io.quarkus.vault.transit.VaultTransitKeyDetail;
import io.quarkus.vault.transit.VaultTransitKeyVersion;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.key.KeyAlgorithms;
import io.tokenbroker.key.KeyMaterialException;
import io.tokenbroker.key.KeySettings;
import io.tokenbroker.key.KeySource;
import io.tokenbroker.key.SigningKey;
import io.tokenbroker.key.Thumbprints;

/**
 * {@code broker.key.source=transit}: the private key never leaves Vault. Reads the Transit key's
 * public versions and picks the one that signs: the pinned {@code broker.key.transit.version}, else
 * the newest version older than {@code activation-delay} (the newest at all while none is). The kid
 * is {@code broker.key.kid} or the RFC 7638 thumbprint of that version's public key.
 */
@ApplicationScoped
@Typed(TransitKeySource.class)
public class TransitKeySource implements KeySource<SigningKey> {

    private final Instance<VaultTransitSecretReactiveEngine> transit;
    private final KeySettings settings;
    private final Clock clock;

    @jakarta.inject.Inject
    TransitKeySource(Instance<VaultTransitSecretReactiveEngine> transit, BrokerConfig config, Clock clock) {
        this(transit, KeySettings.of(config), clock);
    }

    /** A named server's own Transit key. */
    public TransitKeySource(Instance<VaultTransitSecretReactiveEngine> transit, KeySettings settings, Clock clock) {
        this.transit = transit;
        this.settings = settings;
        this.clock = clock;
    }

    private String keyName() {
        return settings.transitKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "broker.key.source=transit needs broker.key.transit.key (BROKER_KEY_TRANSIT_KEY)"));
    }

    @Override
    public Uni<SigningKey> load() {
        String name = keyName();
        return transit.get().readKey(name).map(detail -> detail
                .orElseThrow(() -> new KeyMaterialException(describe(), "no such Transit key"))).map(this::toSigningKey);
    }

    private SigningKey toSigningKey(VaultTransitKeyDetail<?> detail) {
        Map<String, ? extends VaultTransitKeyVersion> versions = detail.getVersions();
        if (versions == null || versions.isEmpty() || !detail.isSupportsSigning()) {
            throw new KeyMaterialException(describe(), "the Transit key is not an asymmetric signing key");
        }
        int version = settings.transitVersion().orElseGet(() -> activeVersion(versions));
        VaultTransitKeyVersion chosen = versions.get(Integer.toString(version));
        if (!(chosen instanceof VaultTransitAsymmetricKeyVersion asymmetric) || asymmetric.getPublicKey() == null) {
            throw new KeyMaterialException(describe(), "version " + version + " has no public key");
        }
        PublicKey publicKey = publicKey(asymmetric.getPublicKey());
        String algorithm = KeyAlgorithms.resolve(publicKey, settings.algorithm(), describe());
        String kid = settings.kid().filter(k -> !k.isBlank()).orElseGet(() -> Thumbprints.of(publicKey));
        String clientId = settings.clientId().filter(c -> !c.isBlank()).orElseThrow(() -> new KeyMaterialException(describe(),
                "broker.key.source=transit needs broker.okta.client-id"));
        return new SigningKey(new TransitSigner(transit.get(), detail.getName(), version, publicKey, kid, algorithm,
                describe() + " v" + version), clientId);
    }

    private int activeVersion(Map<String, ? extends VaultTransitKeyVersion> versions) {
        Instant mature = clock.instant().minus(settings.activationDelay());
        int newest = 0;
        int newestMature = 0;
        for (var entry : versions.entrySet()) {
            int number = Integer.parseInt(entry.getKey());
            newest = Math.max(newest, number);
            var created = entry.getValue().getCreationTime();
            if (created == null || !created.toInstant().isAfter(mature)) {
                newestMature = Math.max(newestMature, number);
            }
        }
        return newestMature > 0 ? newestMature : newest;
    }

    private PublicKey publicKey(String pem) {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        for (String type : new String[] { "RSA", "EC" }) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception next) {
                // try the other type
            }
        }
        throw new KeyMaterialException(describe(), "unreadable public key from Vault");
    }

    @Override
    public String describe() {
        return "vault transit " + settings.transitKey().orElse("?");
    }

}
