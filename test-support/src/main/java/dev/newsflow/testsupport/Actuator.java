package dev.newsflow.testsupport;

import java.util.Arrays;

import org.springframework.test.web.reactive.server.WebTestClient;

/** What operators see of a service: its readiness probe and its Prometheus metrics. */
public final class Actuator {

    private Actuator() {
    }

    /** Asserts that the readiness probe answers 200 UP and that each named health component is UP. */
    public static void expectReady(WebTestClient http, String... components) {
        WebTestClient.BodyContentSpec body = http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP");
        for (String component : components) {
            body.jsonPath("$.components." + component + ".status").isEqualTo("UP");
        }
    }

    /** The service's metrics in Prometheus text format. */
    public static String prometheus(WebTestClient http) {
        return http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /**
     * The value of the first sample of {@code metric} whose labels contain every {@code label} (written as
     * {@code name="value"}), or 0 if there is none yet.
     */
    public static double value(String exposition, String metric, String... labels) {
        return exposition.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }
}
