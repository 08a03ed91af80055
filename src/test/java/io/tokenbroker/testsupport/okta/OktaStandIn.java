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

import io.tokenbroker.devissuer.DevIssuerServer;

/**
 * Okta's token endpoint for tests: the strict {@link io.tokenbroker.devissuer.DevIssuer} behind
 * fault injection (scripted answers, held responses, assertion replay) and a record of what the
 * broker sent.
 */
public class OktaStandIn extends DevIssuerServer {

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> firstArrived = new AtomicReference<>(new CountDownLatch(1));
    private volatile boolean replayPrevious;

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

    /** Form parameters of every token request received, oldest first. */
    public List<Map<String, String>> forms() {
        return List.copyOf(forms);
    }

    public Map<String, String> lastForm() {
        return forms.get(forms.size() - 1);
    }

    public void reset() {
        release();
        script.clear();
        replayPrevious = false;
        forms.clear();
        tokenRequests.set(0);
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
        firstArrived.get().countDown();
        CountDownLatch latch = hold.get();
        if (latch != null) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Scripted scripted = script.poll();
        if (scripted != null) {
            scripted.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            respond(exchange, scripted.status(), scripted.json());
            return;
        }
        super.handleToken(exchange, effective);
    }

    private record Scripted(int status, String json, Map<String, String> headers) {
    }
}
