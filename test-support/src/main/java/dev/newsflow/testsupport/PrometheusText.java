package dev.newsflow.testsupport;

import java.util.Arrays;

/** Reads a sample's value from Spring Boot's {@code /actuator/prometheus} text exposition. */
public final class PrometheusText {

    private PrometheusText() {
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
