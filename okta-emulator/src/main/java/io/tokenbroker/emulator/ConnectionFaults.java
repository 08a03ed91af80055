package io.tokenbroker.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

/** What the stand-in does to a connection instead of answering well: drops, truncation, delay, an endless body. */
final class ConnectionFaults {

    private final AtomicLong streamNext = new AtomicLong();
    private final AtomicLong streamed = new AtomicLong(-1);

    void streamNext(long maxBytes) {
        streamed.set(-1);
        streamNext.set(maxBytes);
    }

    long streamed() {
        return streamed.get();
    }

    /** @return true when a stream was due and this exchange carried it */
    boolean streamIfDue(HttpExchange exchange) {
        long maxBytes = streamNext.getAndSet(0);
        if (maxBytes <= 0) {
            return false;
        }
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
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
        return true;
    }

    /** @return true when the fault ended the exchange */
    static boolean applied(OktaEmulator.Fault fault, HttpExchange exchange) throws IOException {
        switch (fault) {
            case DROP -> {
                exchange.getResponseBody().close();
                exchange.close();
                return true;
            }
            case DROP_MID_RESPONSE -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 500);
                exchange.getResponseBody().write("{\"token_type\":\"Bearer\",\"exp".getBytes(StandardCharsets.US_ASCII));
                exchange.getResponseBody().flush();
                // closed before the announced length is written: the client sees a truncated answer
                exchange.getRequestBody().close();
                exchange.close();
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
}
