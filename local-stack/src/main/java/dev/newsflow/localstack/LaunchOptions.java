package dev.newsflow.localstack;

import java.nio.file.Path;
import java.util.List;

import dev.newsflow.local.ServiceProcess;

/**
 * How to run the local stack.
 *
 * @param kafka bootstrap servers of an external broker, or {@code null} to run one locally
 * @param mongoUri connection string of an external MongoDB, or {@code null} to run a local endpoint
 * @param dataDirectory where the local broker and MongoDB endpoint keep their files
 * @param database the MongoDB database the services use
 * @param ports the services' HTTP ports
 * @param kafkaPort the local broker's client port
 * @param kafkaControllerPort the local broker's KRaft controller port
 * @param mongoPort the local MongoDB endpoint's port
 * @param servicesDirectory where the services' runnable jars are
 * @param jvmOptions options for the services' JVMs
 */
record LaunchOptions(String kafka, String mongoUri, Path dataDirectory, String database, Ports ports, int kafkaPort,
        int kafkaControllerPort, int mongoPort, Path servicesDirectory, List<String> jvmOptions) {

    /** The three services' HTTP ports. */
    record Ports(int ingest, int enrichment, int publish) {
        static final Ports DEFAULT = new Ports(8081, 8082, 8083);
    }

    static LaunchOptions defaults() {
        return new LaunchOptions(null, null, Path.of("data"), "newsflow", Ports.DEFAULT, 9092, 9093, 27017,
                ServiceProcess.jarDirectory(), List.of("-Xms64m", "-Xmx512m"));
    }

    LaunchOptions withKafka(String kafka) {
        return new LaunchOptions(kafka, mongoUri, dataDirectory, database, ports, kafkaPort, kafkaControllerPort,
                mongoPort, servicesDirectory, jvmOptions);
    }

    LaunchOptions withMongoUri(String mongoUri) {
        return new LaunchOptions(kafka, mongoUri, dataDirectory, database, ports, kafkaPort, kafkaControllerPort,
                mongoPort, servicesDirectory, jvmOptions);
    }

    LaunchOptions withDataDirectory(Path dataDirectory) {
        return new LaunchOptions(kafka, mongoUri, dataDirectory, database, ports, kafkaPort, kafkaControllerPort,
                mongoPort, servicesDirectory, jvmOptions);
    }
}
