package io.tokenbroker.testsupport.okta;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;

import io.tokenbroker.devissuer.DevIssuerAnswer;
import io.tokenbroker.devissuer.DevIssuerServer;

/**
 * Okta's token endpoint for tests: the strict {@link io.tokenbroker.devissuer.DevIssuer} behind
 * fault injection (scripted answers, held responses, assertion replay) and a record of what the
 * broker sent.
 */
public class OktaStandIn extends DevIssuerServer {

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    private final List<String> dpopProofs = new CopyOnWriteArrayList<>();
    private final List<String> resourceProofs = new CopyOnWriteArrayList<>();
    private final List<String> resourceTargets = new CopyOnWriteArrayList<>();
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> firstArrived = new AtomicReference<>(new CountDownLatch(1));
    private volatile boolean replayPrevious;
    private volatile boolean down;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private static final com.fasterxml.jackson.databind.ObjectMapper ISSUED = new com.fasterxml.jackson.databind.ObjectMapper();
    private final java.util.concurrent.atomic.AtomicLong streamNext = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong streamed = new java.util.concurrent.atomic.AtomicLong(-1);

    /** Connection-level faults for the next requests, in order. */
    public enum Fault {
        /** Close the connection without an answer. */
        DROP,
        /** Send the status line and part of the body, then close. */
        DROP_MID_RESPONSE,
        /** Answer only after two seconds (past a short read timeout). */
        SLOW
    }

    public OktaStandIn(Clock clock) throws IOException {
        super(clock);
    }

    /** The next token request gets this answer instead of the issuer's. */
    public void answerNext(int status, String json) {
        answerNextWithHeaders(status, json, Map.of());
    }

    /** Like {@link #answerNext(int, String)}, with extra response headers (Retry-After, X-Rate-Limit-*). */
    public void answerNextWithHeaders(int status, String json, Map<String, String> headers) {
        script.add(new Scripted(status, json, headers));
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
        forms.clear();
        dpopProofs.clear();
        resourceProofs.clear();
        resourceTargets.clear();
        tokenRequests.set(0);
        issuer().dpop().require(false);
        issuer().dpop().requireNonce(false);
        resources().requireNonce(false);
    }

    @Override
    protected void handleToken(HttpExchange exchange, Map<String, String> form) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> effective = form;
        if (replayPrevious && !forms.isEmpty()) {
            effective = new java.util.HashMap<>(form);
            effective.put("client_assertion", forms.get(forms.size() - 1).get("client_assertion"));
        }
        forms.add(Map.copyOf(form));
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
        Fault fault = faults.poll();
        if (fault != null && applied(fault, exchange)) {
            return;
        }
        if (down) {
            respond(exchange, 503, "{\"errorCode\":\"E0000009\",\"errorSummary\":\"Internal Server Error\"}");
            return;
        }
        Scripted scripted = script.poll();
        if (scripted != null) {
            scripted.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            respond(exchange, scripted.status(), scripted.json());
            return;
        }
        var proofs = exchange.getRequestHeaders().get("DPoP");
        if (proofs != null && proofs.size() > 1) {
            super.handleToken(exchange, effective);
            return;
        }
        DevIssuerAnswer answer = issuer().token(effective, proofs == null ? null : proofs.get(0));
        if (answer.status() == 200) {
            issuedTokens.add(ISSUED.readTree(answer.json()).path("access_token").asText());
        }
        respond(exchange, answer);
    }

    /**
     * The next request to the protected API is answered 200 with a chunked body of up to {@code maxBytes},
     * written until the client stops reading; {@link #streamedBytes()} then says how much was written.
     */
    public void streamNextResource(long maxBytes) {
        streamed.set(-1);
        streamNext.set(maxBytes);
    }

    /** Bytes of the last streamed answer written before the client went away (or all of them); -1 while writing. */
    public long streamedBytes() {
        return streamed.get();
    }

    @Override
    protected void handleResource(HttpExchange exchange, String body) throws IOException {
        long stream = streamNext.getAndSet(0);
        if (stream > 0) {
            stream(exchange, stream);
            return;
        }
        String proof = exchange.getRequestHeaders().getFirst("DPoP");
        resourceProofs.add(proof == null ? "" : proof);
        resourceTargets.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        super.handleResource(exchange, body);
    }

    private void stream(HttpExchange exchange, long maxBytes) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        long written = 0;
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            while (written < maxBytes) {
                exchange.getResponseBody().write(chunk);
                written += chunk.length;
            }
            exchange.getResponseBody().close();
        } catch (IOException e) {
            // the client closed the connection: what was written so far is the count
        } finally {
            streamed.set(written);
            exchange.close();
        }
    }

    /** @return true when the fault ended the exchange */
    private static boolean applied(Fault fault, HttpExchange exchange) throws IOException {
        switch (fault) {
            case DROP -> {
                exchange.getResponseBody().close();
                exchange.close();
                return true;
            }
            case DROP_MID_RESPONSE -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 500);
                exchange.getResponseBody().write("{\"token_type\":\"Bearer\",\"exp".getBytes());
                exchange.getResponseBody().flush();
                closeSocketOf(exchange);
                return true;
            }
            case SLOW -> {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** Closes the exchange's streams before the announced length is written: the client sees a truncated answer. */
    private static void closeSocketOf(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().close();
        exchange.close();
    }

    private record Scripted(int status, String json, Map<String, String> headers) {
    }
}
