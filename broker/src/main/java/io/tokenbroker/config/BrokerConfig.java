package io.tokenbroker.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The whole user-facing configuration of token-broker, under the {@code broker.} prefix.
 * Keys and defaults are documented in docs/configuration.md (ConfigurationReferenceTest fails when a key is
 * missing there or no longer exists) and in the product contract; keep them in step.
 * Bounds are checked by {@link ConfigRules}.
 */
@ConfigMapping(prefix = "broker")
public interface BrokerConfig {

    /** The authorization server the broker obtains tokens from. */
    Okta okta();

    /** Where the client-authentication private key comes from. */
    Key key();

    /**
     * Further token targets by name, beside the unnamed default one ({@code broker.okta.*}, {@code broker.key.*}):
     * Okta custom authorization servers, the org server, other service apps. Callers name one with
     * {@code ?server=NAME}; the default target answers to no name (and to {@code default}). No entries by default.
     */
    Map<String, Server> servers();

    /** One named token target; every key left unset is the default target's. */
    interface Server {
        /** {@code org} or a custom authorization server id on broker.okta.domain; the default target's when neither this nor token-url is set. */
        Optional<String> authorizationServer();

        /** Explicit token endpoint; wins over authorization-server. */
        Optional<String> tokenUrl();

        /** The service app's client id, when this target is another app (else the default target's). */
        Optional<String> clientId();

        /** Scopes used when a caller names this server and asks for none. */
        Optional<List<String>> defaultScopes();

        /** This server's allowlist; when empty only its default scopes. */
        Optional<List<String>> allowedScopes();

        /** DPoP for this server's token requests ({@code auto}, {@code always}, {@code never}). */
        Optional<DpopMode> dpop();

        /** Upstream budget of this server's token endpoint (token requests per minute). */
        Optional<Integer> maxTokenRequestsPerMinute();

        /** This target's own key (another service app); unset: the default target's key, loaded once for both. */
        ServerKey key();
    }

    /** A named target's key settings; each unset one is broker.key's. */
    interface ServerKey {
        /** {@code vault}, {@code transit} or {@code file}. */
        Optional<KeySourceType> source();

        /** Key file when source is file. */
        Optional<String> file();

        /** Password of an encrypted key file. */
        Optional<String> password();

        /** Overrides the kid. */
        Optional<String> kid();

        /** Signing algorithm. */
        Optional<String> algorithm();

        /** Vault KV settings. */
        ServerVaultKey vault();

        /** Vault Transit settings. */
        ServerTransitKey transit();

        interface ServerVaultKey {
            /** KV v2 path of this app's key. */
            Optional<String> path();
        }

        interface ServerTransitKey {
            /** Transit key name. */
            Optional<String> key();

            /** Pinned Transit key version. */
            Optional<Integer> version();
        }
    }

    /** Token cache behaviour. */
    Token token();

    /** Client assertion (RFC 7523) settings. */
    Assertion assertion();

    /** Vault key reading. */
    Vault vault();

    /** Retries of transient token endpoint failures. */
    Retry retry();

    /** Log format. */
    Log log();

    /** Start-up behaviour. */
    Startup startup();

    /** The DPoP key (proof of possession for sender-constrained tokens). */
    Dpop dpop();

    /** The optional forward proxy to the Okta domain ({@code /v1/proxy/...}). */
    Proxy proxy();

    /** Channels that hand tokens out besides the HTTP listeners. */
    Sink sink();

    interface Sink {
        /**
         * The token file sink, off unless {@code broker.sink.file.path} is set. (A plain group, not an
         * Optional one: SmallRye Config counts the defaults below as present and would then require a path.)
         */
        FileSink file();

        /**
         * More token files by name ({@code broker.sink.files.NAME.*}), each for one server and scope set,
         * beside {@code broker.sink.file}. No entries by default.
         */
        Map<String, NamedFileSink> files();

        /** A named token file: the file sink's keys plus the server whose token it holds. */
        interface NamedFileSink extends FileSink {
            /** The token target ({@code broker.servers.NAME}); the default target when absent. */
            Optional<String> server();
        }

        interface FileSink {
            /**
             * The file kept holding the current token; replaced atomically (written beside it, then renamed) on
             * every new token, removed once its token has expired with nothing newer, left in place at shutdown.
             * Unset: no sink.
             */
            Optional<String> path();

            /** The scopes of the token in the file; the default scopes when absent. */
            Optional<List<String>> scopes();

            /** {@code raw}: the access token alone; {@code json}: the body {@code GET /v1/token} answers. */
            @WithDefault("raw")
            SinkFormat format();

            /** Permissions of the file, in octal (e.g. {@code 0640} for a reader in the same group). */
            @WithDefault("0600")
            String mode();
        }
    }

    /** Rules of the main listener's {@code /v1} API. */
    Http http();

    interface Http {
        /**
         * Host names accepted in the {@code Host} header of {@code /v1} requests besides the loopback
         * ones ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}), any port; everything else is refused
         * (DNS rebinding). An entry with a port ({@code name:port}) accepts that port only.
         */
        Optional<List<String>> allowedHosts();
    }

    interface Dpop {
        /** DPoP key settings. */
        DpopKeyConfig key();

        /**
         * Origins ({@code scheme://host[:port]}) {@code /v1/authorize} signs proofs for, besides the Okta
         * domain's (and the token endpoint's); any other origin is refused.
         */
        Optional<List<String>> allowedOrigins();

        interface DpopKeyConfig {
            /**
             * KV v2 path of a DPoP key (field {@code private_key}: PEM or JWK, EC or RSA), re-read every
             * {@code broker.vault.refresh-interval} like the signing key; when absent an EC P-256 key is
             * generated at start and lives in memory only.
             */
            Optional<String> vaultPath();
        }
    }

    interface Proxy {
        /** Serve {@code /v1/proxy/{path}}: forward to broker.okta.domain with the token (and DPoP proof) attached. */
        @WithDefault("false")
        boolean enabled();

        /** Timeout of one forwarded request (connect and answer). */
        @WithDefault("30s")
        Duration timeout();

        /** Largest answer body relayed back to the caller. */
        @WithDefault("10M")
        io.quarkus.runtime.configuration.MemorySize maxResponseSize();
    }

    interface Startup {
        /** Prepare the REST client and the signing code while the key loads, to serve the first token sooner. */
        @WithDefault("true")
        boolean warmUp();
    }

    interface Log {
        /** One JSON object per line (for containers); read by quarkus.log.console.json.enabled. */
        @WithDefault("false")
        boolean json();
    }

    interface Okta {
        /** The Okta org URL, e.g. {@code https://your-org.okta.com}. Required unless {@code token-url} is set. */
        Optional<String> domain();

        /** {@code org} for the org authorization server, otherwise a custom authorization server id. */
        @WithDefault("org")
        String authorizationServer();

        /** Explicit token endpoint for any RFC 7523 server; when set it wins over domain + authorization-server. */
        Optional<String> tokenUrl();

        /** The service app's client id; when absent it must come from the key source (Vault field {@code client_id}). */
        Optional<String> clientId();

        /** Scopes used when a caller asks for none. */
        Optional<List<String>> defaultScopes();

        /** Scopes callers may ask for; when empty only the default scopes are allowed. */
        Optional<List<String>> allowedScopes();

        /**
         * DPoP (RFC 9449) for token requests: {@code auto} starts with Bearer and switches to DPoP for good
         * once the server answers that the app requires it; {@code always}; {@code never}.
         */
        @WithDefault("auto")
        DpopMode dpop();

        /** TCP connect timeout towards the token endpoint. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Read timeout towards the token endpoint. */
        @WithDefault("10s")
        Duration readTimeout();

        /** At most this many token requests are in flight towards the authorization server at once. */
        @WithDefault("4")
        int maxConcurrentRequests();

        /**
         * When Okta's X-Rate-Limit-Remaining falls to this many or fewer, the remaining requests are
         * spread evenly until X-Rate-Limit-Reset.
         */
        @WithDefault("5")
        int rateLimitReserve();

        /**
         * Upstream budget: at most this many token requests per minute (sliding window). Once spent, a
         * scope set with no servable token gets 503 with a Retry-After; cached tokens are still served. A
         * quarter is reserved for refreshes and the default and token file scope sets.
         */
        @WithDefault("60")
        int maxTokenRequestsPerMinute();
    }

    interface Key {
        /** {@code vault} (KV v2), {@code transit} (Vault signs) or {@code file}. */
        @WithDefault("vault")
        KeySourceType source();

        /** Key file (PEM: PKCS#8, PKCS#1, SEC1, encrypted PKCS#8; or JWK JSON) when source is file. */
        Optional<String> file();

        /** Password of an encrypted PKCS#8 key file. Set it through the environment (BROKER_KEY_PASSWORD). */
        Optional<String> password();

        /** Overrides the kid given by the key source. */
        Optional<String> kid();

        /** Signing algorithm; inferred from the key when absent. */
        Optional<String> algorithm();

        /** Vault KV settings when source is vault. */
        VaultKey vault();

        /** Vault Transit settings when source is transit (the key never leaves Vault). */
        TransitKey transit();

        interface TransitKey {
            /** Transit key name; the mount is quarkus.vault.transit-secret-engine-mount-path (default transit). */
            Optional<String> key();

            /** Pin this key version; unset: follow the latest version once it is older than activation-delay. */
            Optional<Integer> version();

            /**
             * A new key version is used only once it is this old, so that its public key can be registered
             * in Okta first ({@code keys rotate} does both at once).
             */
            @WithDefault("2m")
            Duration activationDelay();
        }

        interface VaultKey {
            /** KV v2 path below the mount ({@code quarkus.vault.kv-secret-engine-mount-path}) holding {@code private_key}, {@code kid} and optional {@code client_id}. */
            @WithDefault("token-broker/okta")
            String path();
        }
    }

    interface Token {
        /** A token is never handed out with less than this left before expiry (capped at half its lifetime). */
        @WithDefault("60s")
        Duration minValidity();

        /** Share of a token's lifetime after which a background refresh starts. */
        @WithDefault("0.8")
        double refreshRatio();

        /** Fetch a token for the default scopes as soon as the key is loaded; readiness waits for it. */
        @WithDefault("true")
        boolean prefetch();

        /** Random spread of the refresh point, as a share of refresh-ratio (0.1 = ±10%). */
        @WithDefault("0.1")
        double refreshJitter();

        /** A caller waits at most this long for a token that is not cached; then 503. */
        @WithDefault("10s")
        Duration maxWait();

        /** How long a permanent rejection (invalid_client, invalid_scope, ...) is remembered per scope set. */
        @WithDefault("30s")
        Duration rejectionMemory();

        /**
         * At most this many scope sets are cached (the default and token file scope sets aside, which are never
         * dropped); beyond it a slot with nothing servable goes first, then the least recently used.
         */
        @WithDefault("64")
        int maxScopeSets();
    }

    interface Assertion {
        /** Lifetime of a client assertion (exp - iat); Okta accepts at most one hour. */
        @WithDefault("300s")
        Duration lifetime();
    }

    interface Vault {
        /** The key is re-read from its source this often; a changed key or kid is picked up without restart. */
        @WithDefault("5m")
        Duration refreshInterval();

        /** First delay between attempts to read the key while it is not loaded; doubles up to {@code retry-max}. */
        @WithDefault("1s")
        Duration retryInitial();

        /** Longest delay between attempts to read the key while it is not loaded. */
        @WithDefault("30s")
        Duration retryMax();

        /** A caller needing the key triggers an immediate read at most this often. */
        @WithName("on-demand-interval")
        @WithDefault("1s")
        Duration onDemandInterval();
    }

    interface Retry {
        /** Attempts per token fetch, the first included, for connect errors, timeouts, 5xx and 429. */
        @WithDefault("3")
        int maxAttempts();

        /** Backoff before the second attempt; doubles per attempt, full jitter. */
        @WithDefault("250ms")
        Duration initialBackoff();

        /**
         * Longest wait between two attempts within one fetch. A longer wait (e.g. a rate-limit reset)
         * ends the fetch with 503 and a Retry-After instead.
         */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * After a failed fetch, the next one is not started before this backoff at most: 1 s doubling per
         * consecutive failure, with equal jitter (half fixed, half random, so a failing scope set is never
         * retried at once), and never before the authorization server's own hint. The prefetch of the
         * default scopes' token retries on the same schedule.
         */
        @WithDefault("60s")
        Duration maxFailureBackoff();
    }

    enum DpopMode {
        AUTO,
        ALWAYS,
        NEVER
    }

    enum SinkFormat {
        RAW,
        JSON
    }

    enum KeySourceType {
        VAULT,
        TRANSIT,
        FILE
    }
}
