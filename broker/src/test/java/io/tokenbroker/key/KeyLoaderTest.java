package io.tokenbroker.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.testsupport.ManualClock;
import io.vertx.core.Vertx;

/** The key loader without an application: its own clock, a source the test answers by hand. */
class KeyLoaderTest {

    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx = Vertx.vertx();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HandSource source = new HandSource();
    private final List<String> installed = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private final KeyLoader<String> loader = new KeyLoader<>(source, clock, vertx, clock.pause(), timing(), new KeyLoader.Listener<>() {
        @Override
        public synchronized void installed(String previous, String key) {
            installed.add(previous + "->" + key);
        }

        @Override
        public synchronized void failed(Throwable failure, String reason, boolean keptKey) {
            failures.add(reason + (keptKey ? " (kept)" : ""));
        }
    });

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void callersWhoAskWhileTheKeyIsReadShareOneRead() {
        Uni<String> first = loader.require(() -> new IllegalStateException("unavailable"));
        Uni<String> second = loader.require(() -> new IllegalStateException("unavailable"));
        source.answer("k1");

        assertThat(first.await().atMost(TIMEOUT)).isEqualTo("k1");
        assertThat(second.await().atMost(TIMEOUT)).isEqualTo("k1");
        assertThat(source.reads.get()).isEqualTo(1);
        assertThat(installed).containsExactly("null->k1");
    }

    @Test
    void aKeyIsReReadOnlyOnceTheRefreshIntervalHasPassed() {
        loadFirstKey();

        clock.advance(REFRESH.minusSeconds(1));
        assertThat(loader.refreshIfDue()).isEmpty();
        assertThat(source.reads.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        Uni<String> reread = loader.refreshIfDue().orElseThrow();
        assertThat(loader.current()).contains("k1");
        source.answer("k2");
        assertThat(reread.await().atMost(TIMEOUT)).isEqualTo("k2");
        assertThat(loader.current()).contains("k2");
        assertThat(source.reads.get()).isEqualTo(2);
        assertThat(installed).containsExactly("null->k1", "k1->k2");
    }

    @Test
    void aFailedReReadKeepsTheKeyAndSaysWhy() {
        loadFirstKey();

        clock.advance(REFRESH);
        Uni<String> reread = loader.refreshIfDue().orElseThrow();
        source.fail(new KeyMaterialException("vault test/path", "the secret has no 'private_key' field"));
        assertThatThrownBy(() -> reread.await().atMost(TIMEOUT)).isInstanceOf(KeyMaterialException.class);

        assertThat(loader.current()).contains("k1");
        assertThat(loader.refreshError()).isEqualTo("vault test/path: the secret has no 'private_key' field");
        assertThat(failures).containsExactly("vault test/path: the secret has no 'private_key' field (kept)");
    }

    @Test
    void whileTheKeyIsMissingACallerTriggersAReadAtMostEveryOnDemandInterval() {
        Uni<String> first = loader.require(() -> new IllegalStateException("unavailable"));
        source.fail(new KeyMaterialException("vault test/path", "Vault is down"));
        assertThatThrownBy(() -> first.await().atMost(TIMEOUT)).hasMessage("unavailable");

        assertThatThrownBy(() -> loader.require(() -> new IllegalStateException("too soon")).await().atMost(TIMEOUT))
                .hasMessage("too soon");
        assertThat(source.reads.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        Uni<String> second = loader.require(() -> new IllegalStateException("unavailable"));
        source.answer("k1");
        assertThat(second.await().atMost(TIMEOUT)).isEqualTo("k1");
        assertThat(source.reads.get()).isEqualTo(2);
    }

    /**
     * Waits for the first read itself, not for a caller's view of it: a caller may see the key installed
     * a moment before the read stops being in flight, and a re-read asked for in that moment would join it.
     */
    private void loadFirstKey() {
        Uni<String> first = loader.require(IllegalStateException::new);
        source.answer("k1");
        first.await().atMost(TIMEOUT);
    }

    @Test
    void whileTheSourceFailsTheBackgroundReadRetriesOnTheKeyReadBackoffUntilAKeyIsLoaded() {
        loader.start();
        for (int read = 1; read <= 6; read++) {
            source.fail(new KeyMaterialException("vault test/path", "Vault is down"));
            int pauses = read;
            Awaitility.await().atMost(TIMEOUT).until(() -> clock.pauses().size() == pauses);
            assertThat(source.reads).hasValue(read);
            clock.advance(clock.pauses().get(read - 1));
        }
        assertThat(clock.pauses()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30));

        source.answer("k1");
        Awaitility.await().atMost(TIMEOUT).until(() -> loader.current().isPresent());
        assertThat(source.reads).hasValue(7);
        assertThat(clock.pending()).isZero();
        loader.stop();
    }

    /** Counts reads; each read waits until the test answers it. */
    private static final class HandSource implements KeySource<String> {

        final AtomicInteger reads = new AtomicInteger();
        private final AtomicReference<UniEmitter<? super String>> pending = new AtomicReference<>();

        @Override
        public Uni<String> load() {
            return Uni.createFrom().emitter(emitter -> {
                reads.incrementAndGet();
                pending.set(emitter);
            });
        }

        void answer(String key) {
            asked().complete(key);
        }

        void fail(RuntimeException failure) {
            asked().fail(failure);
        }

        /** The loader asks its source on a worker thread: the read under way, once it has been asked for. */
        private UniEmitter<? super String> asked() {
            Awaitility.await().atMost(TIMEOUT).until(() -> pending.get() != null);
            return pending.getAndSet(null);
        }

        @Override
        public String describe() {
            return "hand source";
        }
    }

    private static BrokerConfig.Vault timing() {
        return new BrokerConfig.Vault() {
            @Override
            public Duration refreshInterval() {
                return REFRESH;
            }

            @Override
            public Duration retryInitial() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration retryMax() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration onDemandInterval() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
