package io.tokenbroker.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Okta as the broker meets it, on a loopback port with the org authorization server's layout:
 * {@code POST /oauth2/v1/token} (the strict {@link AuthorizationServer} behind fault injection: scripted
 * answers, held responses, dropped connections, assertion replay), {@code GET /oauth2/v1/keys}, and a
 * {@link ProtectedApi} under {@code /api/}; with a record of what the broker sent. Custom authorization
 * servers ({@link #customServer}) answer at {@code /oauth2/{id}/v1/token}, each with its own clients, grants
 * and assertion audience, behind the same faults; {@link #down(String, boolean)} takes one of them down. The
 * {@link AdminApi} the setup commands use is on the same domain and feeds the org server's clients.
 */
public class OktaEmulator implements AutoCloseable {

    public static final String TOKEN_PATH = "/oauth2/v1/token";
    public static final String KEYS_PATH = "/oauth2/v1/keys";
    public static final String API_PATH = "/api/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final AuthorizationServer issuer;
    private final ProtectedApi resources;
    private final AdminApi admin;

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    /** The token path of each request in {@link #forms}, in the same order. */
    private final List<String> tokenPaths = new CopyOnWriteArrayList<>();
    private final Map<String, AuthorizationServer> customServers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> downPaths = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final List<String> dpopProofs = new CopyOnWriteArrayList<>();
    private final List<String> resourceProofs = new CopyOnWriteArrayList<>();
    private final List<String> resourceTargets = new CopyOnWriteArrayList<>();
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> firstArrived = new AtomicReference<>(new CountDownLatch(1));
    private volatile boolean replayPrevious;
    private volatile Duration delay = Duration.ZERO;
    private volatile java.util.function.IntConsumer onIssued = count -> { };
    private volatile boolean down;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final ConnectionFaults connections = new ConnectionFaults();
    private final RateLimits rateLimits;

    /** Connection-level faults for the next requests, in order. */
    public enum Fault {
        /** Close the connection without an answer. */
        DROP,
        /** Send the status line and part of the body, then close. */
        DROP_MID_RESPONSE,
        /** Answer only after two seconds (past a short read timeout). */
        SLOW
    }

    public OktaEmulator(Clock clock) throws IOException {
        this(clock, 0);
    }

    /** On {@code port} of the loopback address (0: a free one). */
    public OktaEmulator(Clock clock, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "okta-emulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        this.clock = clock;
        rateLimits = new RateLimits(clock);
        issuer = new AuthorizationServer(clock, baseUrl() + TOKEN_PATH);
        resources = new ProtectedApi(issuer, clock);
        server.createContext(TOKEN_PATH, this::token);
        server.createContext(KEYS_PATH, exchange -> {
            try (exchange) {
                if (Exchanges.notExactly(exchange, KEYS_PATH)) {
                    return;
                }
                Exchanges.respond(exchange, 200, issuer.jwks().toJson());
            }
        });
        server.createContext(API_PATH, this::resource);
        admin = new AdminApi(baseUrl(), issuer);
        server.createContext("/api/v1/apps/", admin::handle);
        server.createContext("/oauth2/v1/clients", admin::handle);
        server.createContext("/oauth2/", this::customToken);
        server.start();
    }

    /** {@code http://127.0.0.1:port}: the "Okta domain". */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public AuthorizationServer issuer() {
        return issuer;
    }

    /** The custom authorization server {@code id}, made on first use: {@code /oauth2/{id}/v1/token}. */
    public AuthorizationServer customServer(String id) {
        return customServers.computeIfAbsent(id, name -> new AuthorizationServer(clock, baseUrl() + tokenPath(name), true));
    }

    /** {@code /oauth2/{id}/v1/token}. */
    public static String tokenPath(String customServerId) {
        return "/oauth2/" + customServerId + "/v1/token";
    }

    /** While down, the token requests to this path (an authorization server's) get 503; the others are answered. */
    public void down(String tokenPath, boolean isDown) {
        if (isDown) {
            downPaths.add(tokenPath);
        } else {
            downPaths.remove(tokenPath);
        }
    }

    /** Token requests received at {@code tokenPath}. */
    public long tokenRequestsAt(String tokenPath) {
        return tokenPaths.stream().filter(tokenPath::equals).count();
    }

    /** Form parameters of the token requests received at {@code tokenPath}, oldest first. */
    public List<Map<String, String>> formsAt(String tokenPath) {
        List<Map<String, String>> at = new java.util.ArrayList<>();
        synchronized (tokenPaths) {
            for (int i = 0; i < tokenPaths.size() && i < forms.size(); i++) {
                if (tokenPaths.get(i).equals(tokenPath)) {
                    at.add(forms.get(i));
                }
            }
        }
        return at;
    }

    /** The admin API ({@code /oauth2/v1/clients}, {@code /api/v1/apps/…}): what it registers, the org server accepts. */
    public AdminApi admin() {
        return admin;
    }

    public ProtectedApi resources() {
        return resources;
    }

    /** The next token request gets this answer instead of the issuer's. */
    public void answerNext(int status, String json) {
        answerNextWithHeaders(status, json, Map.of());
    }

    /** Like {@link #answerNext(int, String)}, with extra response headers (Retry-After, X-Rate-Limit-*). */
    public void answerNextWithHeaders(int status, String json, Map<String, String> headers) {
        script.add(new Scripted(status, json, headers));
    }

    /**
     * Each token endpoint's budget of requests per minute (default {@value RateLimits#DEFAULT_PER_MINUTE}): every
     * answer says what is left in {@code X-Rate-Limit-*} headers, a request past it gets 429 until the minute ends.
     */
    public void rateLimitPerMinute(int limit) {
        rateLimits.perMinute(limit);
    }

    /** Called with the running count after each access token issued (the benchmarks log it). */
    public void onIssued(java.util.function.IntConsumer listener) {
        this.onIssued = listener;
    }

    /** Every token request is answered only after this delay (Okta's own latency, for benchmarks and timeouts). */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    public void faultNext(Fault fault) {
        faults.add(fault);
    }

    /** While down, every token request gets 503 (an Okta outage as seen through its edge). */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** Token requests wait until {@link #release()}; {@link #awaitFirstRequest()} tells when one arrived. */
    public void hold() {
        firstArrived.set(new CountDownLatch(1));
        hold.set(new CountDownLatch(1));
    }

    public void release() {
        CountDownLatch latch = hold.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    public boolean awaitFirstRequest() throws InterruptedException {
        return firstArrived.get().await(10, TimeUnit.SECONDS);
    }

    /** Submit the previously received assertion instead of the new one (to provoke a jti replay). */
    public void replayPreviousAssertion(boolean replay) {
        this.replayPrevious = replay;
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Token requests received for exactly this (space-separated, normalised) scope parameter. */
    public long tokenRequests(String scope) {
        return forms.stream().filter(form -> scope.equals(form.get("scope"))).count();
    }

    /** Form parameters of every token request received, oldest first. */
    public List<Map<String, String>> forms() {
        return List.copyOf(forms);
    }

    /** The DPoP header of every token request, oldest first ("" when a request had none). */
    public List<String> dpopProofs() {
        return List.copyOf(dpopProofs);
    }

    /** The DPoP header of every request to the protected API, oldest first ("" when none). */
    public List<String> resourceProofs() {
        return List.copyOf(resourceProofs);
    }

    /** Method and raw request target of every request to the protected API, e.g. {@code GET /api/v1/users?limit=2}. */
    public List<String> resourceTargets() {
        return List.copyOf(resourceTargets);
    }

    /** Every access token issued, oldest first (kept across {@link #reset()}). */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    public Map<String, String> lastForm() {
        return forms.get(forms.size() - 1);
    }

    public void reset() {
        release();
        script.clear();
        faults.clear();
        down = false;
        replayPrevious = false;
        delay = Duration.ZERO;
        rateLimits.reset();
        synchronized (tokenPaths) {
            forms.clear();
            tokenPaths.clear();
        }
        downPaths.clear();
        dpopProofs.clear();
        resourceProofs.clear();
        resourceTargets.clear();
        tokenRequests.set(0);
        issuer().dpop().require(false);
        issuer().dpop().requireNonce(false);
        resources().requireNonce(false);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (Exchanges.notExactly(exchange, TOKEN_PATH)) {
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                Exchanges.respond(exchange, OktaAnswer.error(405, "invalid_request", "POST required"));
                return;
            }
            handleToken(exchange, Exchanges.form(exchange.getRequestBody()), issuer, TOKEN_PATH);
        }
    }

    /**
     * {@code /oauth2/{id}/v1/token} and {@code /oauth2/{id}/v1/keys} of a custom server; any other path below
     * /oauth2/ is not found, as with Okta.
     */
    private void customToken(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            AuthorizationServer custom = parts.length == 5 && parts[3].equals("v1") ? customServers.get(parts[2]) : null;
            if (custom != null && parts[4].equals("keys")) {
                Exchanges.respond(exchange, 200, custom.jwks().toJson());
                return;
            }
            if (custom == null || !parts[4].equals("token")) {
                Exchanges.notFound(exchange);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                Exchanges.respond(exchange, OktaAnswer.error(405, "invalid_request", "POST required"));
                return;
            }
            handleToken(exchange, Exchanges.form(exchange.getRequestBody()), custom, path);
        }
    }

    private void handleToken(HttpExchange exchange, Map<String, String> form, AuthorizationServer server, String path)
            throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> effective = form;
        if (replayPrevious && !forms.isEmpty()) {
            effective = new HashMap<>(form);
            effective.put("client_assertion", forms.get(forms.size() - 1).get("client_assertion"));
        }
        synchronized (tokenPaths) { // one index in both lists
            tokenPaths.add(path);
            forms.add(Map.copyOf(form));
        }
        String proof = exchange.getRequestHeaders().getFirst("DPoP");
        dpopProofs.add(proof == null ? "" : proof);
        firstArrived.get().countDown();
        CountDownLatch latch = hold.get();
        if (latch != null) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pause(delay);
        Fault fault = faults.poll();
        if (fault != null && ConnectionFaults.applied(fault, exchange)) {
            return;
        }
        if (down || downPaths.contains(path)) {
            Exchanges.respond(exchange, 503, "{\"errorCode\":\"E0000009\",\"errorSummary\":\"Internal Server Error\"}");
            return;
        }
        RateLimits.Taken limit = rateLimits.take(path);
        limit.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (limit.exceeded()) {
            Exchanges.respond(exchange, 429, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too"
                    + " many requests.\",\"errorLink\":\"E0000047\",\"errorId\":\"oae-rate\",\"errorCauses\":[]}");
            return;
        }
        Scripted scripted = script.poll();
        if (scripted != null) {
            scripted.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            Exchanges.respond(exchange, scripted.status(), scripted.json());
            return;
        }
        List<String> proofs = exchange.getRequestHeaders().get("DPoP");
        if (proofs != null && proofs.size() > 1) {
            Exchanges.respond(exchange, OktaAnswer.error(400, "invalid_dpop_proof", "More than one DPoP header."));
            return;
        }
        OktaAnswer answer = server.token(effective, proofs == null ? null : proofs.get(0));
        if (answer.accessToken() != null) {
            issuedTokens.add(answer.accessToken());
            onIssued.accept(issuedTokens.size());
        }
        Exchanges.respond(exchange, answer);
    }

    private static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The next request to the protected API is answered 200 with a chunked body of up to {@code maxBytes},
     * written until the client stops reading; {@link #streamedBytes()} then says how much was written.
     */
    public void streamNextResource(long maxBytes) {
        connections.streamNext(maxBytes);
    }

    /** Bytes of the last streamed answer written before the client went away (or all of them); -1 while writing. */
    public long streamedBytes() {
        return connections.streamed();
    }

    private void resource(HttpExchange exchange) throws IOException {
        if (connections.streamIfDue(exchange)) {
            return;
        }
        try (exchange) {
            String body = new String(exchange.getRequestBody().readNBytes(Exchanges.MAX_BODY_BYTES), StandardCharsets.UTF_8);
            List<String> proofs = exchange.getRequestHeaders().get("DPoP");
            String proof = proofs == null || proofs.size() != 1 ? null : proofs.get(0);
            resourceProofs.add(proof == null ? "" : proof);
            String target = Exchanges.target(exchange);
            resourceTargets.add(exchange.getRequestMethod() + " " + target);
            Exchanges.respond(exchange, resources.handle(exchange.getRequestMethod(), baseUrl() + target,
                    exchange.getRequestHeaders().getFirst("Authorization"), proof, body));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Scripted(int status, String json, Map<String, String> headers) {
    }
}
