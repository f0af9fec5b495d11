package dev.newsflow.testsupport;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one Kafka broker and MongoDB endpoint that every integration test in a JVM shares.
 *
 * <p>Where a Docker engine answers, real Kafka and MongoDB containers are started through Testcontainers;
 * otherwise a real Apache Kafka broker runs in-process in KRaft mode (spring-kafka-test) and MongoDB's wire
 * protocol is served by mongo-java-server. {@code NEWSFLOW_TEST_INFRA=containers|embedded} forces one path.
 * Both are started lazily on first use and stopped when the JVM exits.
 */
public final class TestInfrastructure {

    /** Environment variable (or system property {@code newsflow.test.infra}) that forces a path. */
    public static final String MODE_VARIABLE = "NEWSFLOW_TEST_INFRA";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static Backend backend;

    private TestInfrastructure() {
    }

    /** Bootstrap servers of the shared broker, starting it if needed. */
    public static String kafkaBootstrapServers() {
        return backend().kafkaBootstrapServers();
    }

    /** Connection string of the shared MongoDB endpoint, starting it if needed. */
    public static String mongoUri() {
        return backend().mongoUri();
    }

    /** {@code containers} or {@code embedded}. */
    public static String mode() {
        return backend().name();
    }

    private static synchronized Backend backend() {
        if (backend == null) {
            backend = start();
            Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "test-infrastructure-shutdown"));
        }
        return backend;
    }

    /**
     * Whether tests here use Docker containers ({@code true}) or in-process stand-ins, as {@link #MODE_VARIABLE}
     * asks or, by default, as Docker's presence decides. For tests that manage their own Kafka and MongoDB.
     */
    public static boolean useContainers() {
        return switch (requestedMode()) {
            case "containers" -> true;
            case "embedded" -> false;
            default -> dockerAvailable();
        };
    }

    private static String requestedMode() {
        String requested = System.getProperty("newsflow.test.infra", System.getenv(MODE_VARIABLE));
        return requested == null ? "auto" : requested.toLowerCase(Locale.ROOT);
    }

    private static Backend start() {
        String mode = requestedMode();
        boolean containers = useContainers();
        long started = System.nanoTime();
        Backend chosen = containers ? new ContainerBackend() : new EmbeddedBackend();
        log.info("Integration tests use {}: Kafka at {}, MongoDB at {} (requested: {}, ready in {} ms)",
                chosen.description(), chosen.kafkaBootstrapServers(), chosen.mongoUri(), mode,
                (System.nanoTime() - started) / 1_000_000);
        return chosen;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            log.info("No Docker engine ({}); falling back to the in-process broker and mongo-java-server", ex.toString());
            return false;
        }
    }

    interface Backend extends AutoCloseable {

        String name();

        String description();

        String kafkaBootstrapServers();

        String mongoUri();

        @Override
        void close();
    }
}
