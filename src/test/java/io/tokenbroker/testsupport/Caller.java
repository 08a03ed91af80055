package io.tokenbroker.testsupport;

import static io.restassured.RestAssured.given;

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
}
