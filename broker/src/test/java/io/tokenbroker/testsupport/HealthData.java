package io.tokenbroker.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Health data is served on the pod network (the management interface is bound there for probes): it may
 * tell the key source's kind, never where the key lives nor its kid (issue 28).
 */
public final class HealthData {

    private HealthData() {
    }

    /** @param kid the kid the running broker signs with */
    public static void assertNamesNoKeyLocationNorKid(String kid) {
        var config = ConfigProvider.getConfig();
        String expectedSource = config.getValue("broker.key.source", String.class).toLowerCase(java.util.Locale.ROOT);
        List<String> secrets = new java.util.ArrayList<>(List.of(kid));
        for (String key : List.of("broker.key.file", "broker.key.vault.path", "broker.key.transit.key")) {
            config.getOptionalValue(key, String.class).filter(v -> !v.isBlank()).ifPresent(secrets::add);
        }
        var readyAnswer = given().get("/q/health/ready").then().statusCode(200).extract();
        var dependenciesAnswer = given().get("/q/health/group/dependencies").then().extract();
        assertThat(readyAnswer.jsonPath().getString("checks[0].data.key_source")).isEqualTo(expectedSource);
        assertThat(readyAnswer.jsonPath().getBoolean("checks[0].data.key_loaded")).isTrue();
        assertThat(dependenciesAnswer.jsonPath().getString("checks[0].data.key_source")).isEqualTo(expectedSource);
        // the data only: a check's name ("token-broker") may well equal a Transit key's
        List<Object> data = new java.util.ArrayList<>();
        data.addAll(readyAnswer.jsonPath().getList("checks.data"));
        data.addAll(dependenciesAnswer.jsonPath().getList("checks.data"));
        for (String secret : secrets) {
            assertThat(data).allSatisfy(values -> assertThat(values.toString()).doesNotContain(secret));
        }
    }
}
