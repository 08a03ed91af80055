package io.tokenbroker.testsupport;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.awaitility.Awaitility;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A caller of the broker's /v1 API as the contract wants one: the anti-SSRF header, a loopback Host. */
public final class Caller {

    public static final String HEADER = "X-Token-Broker";

    private Caller() {
    }

    /** A request that passes the broker's caller rules; tests add what they exercise. */
    public static RequestSpecification caller() {
        return given().header(HEADER, "1");
    }

    /**
     * The default scopes' answer once the broker serves one (200), waiting through the 503s of a broker still
     * reading its key or fetching its first token; any other status ends the wait at once, failing.
     */
    public static Response servedToken() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> caller().get("/v1/token").andReturn(),
                answer -> {
                    if (answer.statusCode() != 200 && answer.statusCode() != 503) {
                        throw new AssertionError("GET /v1/token answered " + answer.statusCode() + ": " + answer.asString());
                    }
                    return answer.statusCode() == 200;
                });
    }
}
