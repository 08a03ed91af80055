package io.tokenbroker.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the Vault stand-in is set up besides the signing key: how the broker logs in (a root token, or
 * Kubernetes auth with tokens living {@code tokenTtl}), whether Vault refuses connections at start, its
 * clock, and a DPoP key in KV.
 */
public record VaultOptions(Auth auth, Duration tokenTtl, boolean startsDown, TimeSource clock, Optional<BrokerKey.Alg> dpopKey) {

    public enum Auth {
        TOKEN, KUBERNETES
    }

    public static VaultOptions defaults() {
        return new VaultOptions(Auth.TOKEN, Duration.ofDays(400), false, TimeSource.TEST_CLOCK, Optional.empty());
    }

    public VaultOptions kubernetesAuth(Duration ttl) {
        return new VaultOptions(Auth.KUBERNETES, ttl, startsDown, clock, dpopKey);
    }

    public VaultOptions downAtStart() {
        return new VaultOptions(auth, tokenTtl, true, clock, dpopKey);
    }

    public VaultOptions on(TimeSource source) {
        return new VaultOptions(auth, tokenTtl, startsDown, source, dpopKey);
    }

    /** The broker's DPoP key lives in Vault KV ({@link VaultResource#DPOP_KV_PATH}) instead of being generated. */
    public VaultOptions dpopKey(BrokerKey.Alg alg) {
        return new VaultOptions(auth, tokenTtl, startsDown, clock, Optional.of(alg));
    }

    Map<String, String> toArgs() {
        Map<String, String> args = new HashMap<>();
        args.put("vault.auth", auth.name());
        args.put("vault.token-ttl", tokenTtl.toString());
        args.put("vault.down-at-start", Boolean.toString(startsDown));
        args.put("vault.clock", clock.name());
        dpopKey.ifPresent(alg -> args.put("vault.dpop-key", alg.name()));
        return args;
    }

    static VaultOptions fromArgs(Map<String, String> args) {
        return new VaultOptions(Auth.valueOf(args.get("vault.auth")), Duration.parse(args.get("vault.token-ttl")),
                Boolean.parseBoolean(args.get("vault.down-at-start")), TimeSource.valueOf(args.get("vault.clock")),
                Optional.ofNullable(args.get("vault.dpop-key")).map(BrokerKey.Alg::valueOf));
    }
}
