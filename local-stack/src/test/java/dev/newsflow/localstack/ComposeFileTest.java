package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine to run docker-compose.yml here, so this checks that it matches the services it
 * deploys: each service is built from its own module's Dockerfile, listens where its application.yml says, gets
 * every infrastructure address it would otherwise default to localhost for, and waits for healthy dependencies;
 * and that it is safe by default: infrastructure reachable from this machine only, Actuator unpublished, time to
 * drain on stop, pinned images, a numeric non-root user.
 */
class ComposeFileTest {

    private static final Path ROOT = ServiceConfiguration.ROOT;
    private static final String MANAGEMENT_PORT = ServiceConfiguration.MANAGEMENT_PORT;
    // A tag with a full version (4.1.2, 8.0.17, 17.0.17_10-jre), optionally a digest: never latest or a bare major.
    private static final Pattern PINNED_IMAGE = Pattern.compile("[\\w./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*(@sha256:[0-9a-f]{64})?");

    private final Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void eachServiceIsBuiltFromItsOwnModuleDockerfile(String service) throws IOException {
        Map<String, Object> build = map(service(service).get("build"));

        assertThat(build.get("context")).isEqualTo(".");
        Path dockerfile = ROOT.resolve((String) build.get("dockerfile"));
        assertThat(dockerfile).isEqualTo(ROOT.resolve(service).resolve("Dockerfile")).isRegularFile();
        String text = Files.readString(dockerfile);
        assertThat(text).contains("-pl " + service + " ").contains("extract --layers")
                .containsPattern("(?m)^FROM .+ AS build$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void eachServiceListensWhereItsConfigurationSays(String service) throws IOException {
        String port = String.valueOf(ServiceConfiguration.serverPort(service));

        assertThat(Files.readString(ROOT.resolve(service).resolve("Dockerfile"))).containsPattern("(?m)^EXPOSE " + port + "$");
        assertThat(containerPorts(service(service))).contains(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void actuatorListensOnAnUnpublishedManagementPortThatTheHealthchecksUse(String service) throws IOException {
        String managementPort = String.valueOf(map(service(service).get("environment")).get(MANAGEMENT_PORT));
        String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));

        assertThat(managementPort).matches("\\d+").isNotEqualTo(String.valueOf(ServiceConfiguration.serverPort(service)));
        assertThat(String.valueOf(map(service(service).get("healthcheck")).get("test")))
                .contains("localhost:" + managementPort + "/actuator/health/readiness");
        assertThat(publishedPorts(service(service))).doesNotContain(managementPort);
        assertThat(dockerfile).containsPattern("(?m)^ENV " + MANAGEMENT_PORT + "=" + managementPort + "$")
                .contains("localhost:" + managementPort + "/actuator/health/readiness");
    }

    @Test
    void kafkaAndMongoArePublishedOnThisMachineOnly() {
        for (String infrastructure : List.of("kafka", "mongo")) {
            assertThat(publishedPortEntries(service(infrastructure))).isNotEmpty()
                    .allSatisfy(entry -> assertThat(entry).as(infrastructure).startsWith("127.0.0.1:"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void servicesHaveLongerToStopThanTheyTakeToDrain(String service) {
        String grace = String.valueOf(service(service).get("stop_grace_period"));

        // server.shutdown: graceful waits up to Spring's timeout-per-shutdown-phase, 30 s by default; Docker's is 10 s.
        assertThat(grace).matches("\\d+s");
        assertThat(Integer.parseInt(grace.substring(0, grace.length() - 1))).isGreaterThan(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void imagesRunAsANumericNonRootUserOnPinnedBaseImages(String service) throws IOException {
        String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));

        assertThat(ServiceConfiguration.imageUser(service)).as("a numeric USER, not root").isPositive();
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
        while (from.find()) {
            assertThat(from.group(1)).matches(PINNED_IMAGE);
        }
        if (dockerfile.contains("--mount=")) {
            assertThat(dockerfile).as("BuildKit-only syntax is declared").contains("Needs BuildKit");
        }
    }

    @Test
    void infrastructureImagesArePinned() {
        for (String infrastructure : List.of("kafka", "mongo")) {
            assertThat(String.valueOf(service(infrastructure).get("image"))).matches(PINNED_IMAGE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void environmentMatchesThePlaceholdersOfTheServiceConfiguration(String service) throws IOException {
        Map<String, String> placeholders = ServiceConfiguration.placeholders(service);
        Set<String> environment = new java.util.HashSet<>(map(service(service).get("environment")).keySet());
        environment.removeAll(ServiceConfiguration.SPRING_BOOT_VARIABLES);

        assertThat(placeholders.keySet()).as("variables %s reads", service).containsAll(environment);
        placeholders.forEach((variable, fallback) -> {
            if (fallback != null && fallback.contains("localhost")) {
                assertThat(environment).as("%s must not fall back to %s inside a container", variable, fallback).contains(variable);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrichment-service", "publish-service"})
    void servicesStartOnlyOnceTheirInfrastructureIsHealthy(String service) throws IOException {
        Map<String, Object> dependsOn = map(service(service).get("depends_on"));
        Set<String> environment = map(service(service).get("environment")).keySet();

        assertThat(map(dependsOn.get("kafka")).get("condition")).isEqualTo("service_healthy");
        if (environment.contains("MONGODB_URI")) {
            assertThat(map(dependsOn.get("mongo")).get("condition")).isEqualTo("service_healthy");
        }
    }

    @Test
    void kafkaAndMongoHaveHealthchecksAndKeepTheirData() {
        for (String infrastructure : List.of("kafka", "mongo")) {
            assertThat(service(infrastructure)).containsKeys("healthcheck", "volumes");
        }
        assertThat(String.valueOf(service("kafka").get("image"))).startsWith("apache/kafka:");
    }

    @Test
    void topicsHaveEnoughPartitionsToScaleEnrichmentToThreeInstances() throws IOException {
        int brokerDefault = Integer.parseInt(String.valueOf(map(service("kafka").get("environment")).get("KAFKA_NUM_PARTITIONS")));

        assertThat(brokerDefault).isGreaterThanOrEqualTo(6);
        for (String service : List.of("ingest-service", "enrichment-service", "publish-service")) {
            Map<String, Object> binder = map(map(map(map(map(ServiceConfiguration.applicationYml(service).get("spring")).get("cloud")).get("stream")).get("kafka")).get("binder"));
            Object minPartitions = binder.getOrDefault("min-partition-count", binder.get("minPartitionCount"));
            assertThat(Integer.parseInt(String.valueOf(minPartitions))).as(service).isGreaterThanOrEqualTo(6);
        }
        assertThat(service("enrichment-service")).as("a scaled service cannot bind a fixed host port").doesNotContainKey("ports");
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> service = map(map(compose.get("services")).get(name));
        assertThat(service).as("service %s in docker-compose.yml", name).isNotEmpty();
        return service;
    }

    private static List<String> publishedPortEntries(Map<String, Object> service) {
        return service.get("ports") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static List<String> publishedPorts(Map<String, Object> service) {
        return publishedPortEntries(service).stream().map(entry -> entry.substring(entry.lastIndexOf(':') + 1)).toList();
    }

    private static List<String> containerPorts(Map<String, Object> service) {
        List<String> ports = new ArrayList<>();
        for (String key : List.of("ports", "expose")) {
            Object entries = service.get(key);
            if (entries instanceof List<?> list) {
                list.forEach(entry -> {
                    String text = String.valueOf(entry);
                    ports.add(text.substring(text.lastIndexOf(':') + 1));
                });
            }
        }
        return ports;
    }

    private static Map<String, Object> yaml(Path file) {
        return ServiceConfiguration.map(new Yaml().load(ServiceConfiguration.read(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
