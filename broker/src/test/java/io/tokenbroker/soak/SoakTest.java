package io.tokenbroker.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tokenbroker.profiles.Resilience;
import io.tokenbroker.testsupport.MutableClock;
import io.tokenbroker.emulator.OktaEmulator.Fault;
import io.tokenbroker.testsupport.InjectStandIn;
import io.tokenbroker.testsupport.StandIns;
import io.tokenbroker.emulator.OktaEmulator;

/**
 * The soak run of bench/soak: many callers for a bounded time while a fault thread breaks Okta in
 * every way and compresses time (the shared clock runs about 300× fast: a token lifetime every ~12 s). Not part of the default
 * build (tag "soak"); run it with bench/soak/run.sh.
 */
@Tag("soak")
@QuarkusTest
@TestProfile(Resilience.class)
class SoakTest {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\":\"([^\"]+)\"");
    private static final List<String> SCOPE_SETS = List.of("tokens.read", "tokens.write", "tokens.read%20tokens.write");

    @InjectStandIn
    OktaEmulator okta;

    @Test
    void soak() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("soak.seconds", 60));
        int callers = Integer.getInteger("soak.callers", 32);
        StandIns.startCold(okta);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LongAdder requests = new LongAdder();
        LongAdder served = new LongAdder();
        LongAdder belowMinValidity = new LongAdder();
        LongAdder undecided = new LongAdder();
        AtomicLong slowest = new AtomicLong();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + length.toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(callers + 1);
        pool.submit(() -> faults(deadline));
        for (int c = 0; c < callers; c++) {
            int id = c;
            pool.submit(() -> {
                Random random = new Random(id);
                while (System.nanoTime() < deadline) {
                    String scope = SCOPE_SETS.get(random.nextInt(SCOPE_SETS.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                            + "/v1/token?scope=" + scope)).header("X-Token-Broker", "1").timeout(Duration.ofSeconds(30)).build();
                    long before = MutableClock.INSTANCE.instant().getEpochSecond();
                    long started = System.nanoTime();
                    HttpResponse<String> answer;
                    try {
                        answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        errors.computeIfAbsent("client " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                        continue;
                    }
                    long after = MutableClock.INSTANCE.instant().getEpochSecond();
                    slowest.accumulateAndGet(System.nanoTime() - started, Math::max);
                    requests.increment();
                    if (answer.statusCode() == 200) {
                        served.increment();
                        long expiry = expiry(answer.body());
                        if (expiry - before < 60) {
                            belowMinValidity.increment(); // less than 60 s left even at the earliest possible answer time
                        } else if (expiry - after < 60) {
                            undecided.increment(); // the clock jumped while the answer was on its way
                        }
                    } else {
                        Matcher m = ERROR.matcher(answer.body());
                        errors.computeIfAbsent(answer.statusCode() + " " + (m.find() ? m.group(1) : "?"), k -> new LongAdder()).increment();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS)).isTrue();
        int upstream = okta.tokenRequests();
        okta.reset();

        System.out.printf("SOAK seconds=%d callers=%d requests=%d served=%d below_min_validity=%d"
                + " clock_jump_undecided=%d upstream_requests=%d slowest_ms=%d errors=%s%n",
                length.toSeconds(), callers, requests.sum(), served.sum(), belowMinValidity.sum(), undecided.sum(),
                upstream, TimeUnit.NANOSECONDS.toMillis(slowest.get()), errors);
        assertThat(belowMinValidity.sum()).isZero();
        assertThat(served.sum()).isPositive();
    }

    private Void faults(long deadline) throws InterruptedException {
        Random random = new Random(7);
        while (System.nanoTime() < deadline) {
            MutableClock.INSTANCE.advance(Duration.ofSeconds(random.nextInt(60)));
            int roll = random.nextInt(100);
            if (roll < 5) {
                okta.answerNext(500, "{\"error\":\"server_error\"}");
            } else if (roll < 7) {
                okta.answerNextWithHeaders(429, "{\"errorCode\":\"E0000047\"}", Map.of("X-Rate-Limit-Reset",
                        Long.toString(MutableClock.INSTANCE.instant().getEpochSecond() + random.nextInt(30))));
            } else if (roll < 9) {
                okta.faultNext(Fault.DROP);
            } else if (roll < 11) {
                okta.faultNext(Fault.DROP_MID_RESPONSE);
            } else if (roll < 12) {
                okta.faultNext(Fault.SLOW);
            } else if (roll < 13) {
                okta.answerNext(401, "{\"error\":\"invalid_client\"}");
            } else if (roll < 15) {
                okta.down(true);
            } else if (roll < 17) {
                okta.down(false); // outages last about 50 ticks: long enough to outlive cached tokens
            }
            Thread.sleep(100);
        }
        okta.down(false);
        return null;
    }

    private static long expiry(String body) {
        try {
            Matcher m = TOKEN.matcher(body);
            m.find();
            var jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(m.group(1));
            return JwtClaims.parse(jws.getUnverifiedPayload()).getExpirationTime().getValue();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable token answer", e);
        }
    }
}
