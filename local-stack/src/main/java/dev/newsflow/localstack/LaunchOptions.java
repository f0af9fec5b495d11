package dev.newsflow.localstack;

import java.nio.file.Path;
import java.util.List;

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

    static final String USAGE = """
            Usage: java -jar local-stack/target/newsflow-local.jar [options]

            Starts a Kafka broker (KRaft) on localhost:9092, a MongoDB endpoint on localhost:27017 (both keeping their
            data under ./data) and ingest-service (8081), enrichment-service (8082) and publish-service (8083).

              --kafka=HOST:PORT   use this Kafka cluster instead of starting a local broker
              --mongo=URI         use this MongoDB instead of starting a local endpoint
              --data=DIR          where the local broker and MongoDB endpoint keep their data (default ./data)
              --help              print this text
            """;

    /** The three services' HTTP ports. */
    record Ports(int ingest, int enrichment, int publish) {
        static final Ports DEFAULT = new Ports(8081, 8082, 8083);
    }

    static LaunchOptions defaults() {
        return new LaunchOptions(null, null, Path.of("data"), "newsflow", Ports.DEFAULT, 9092, 9093, 27017,
                defaultServicesDirectory(), List.of("-Xms64m", "-Xmx512m"));
    }

    /** Parses the command line; {@code null} means "print usage and exit". */
    static LaunchOptions parse(String... args) {
        LaunchOptions options = defaults();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            else if (arg.startsWith("--kafka=")) {
                options = options.withKafka(value(arg));
            }
            else if (arg.startsWith("--mongo=")) {
                options = options.withMongoUri(value(arg));
            }
            else if (arg.startsWith("--data=")) {
                options = options.withDataDirectory(Path.of(value(arg)));
            }
            else {
                throw new IllegalArgumentException("Unknown option " + arg + "\n\n" + USAGE);
            }
        }
        return options;
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

    private static String value(String arg) {
        String value = arg.substring(arg.indexOf('=') + 1);
        if (value.isBlank()) {
            throw new IllegalArgumentException(arg + " needs a value\n\n" + USAGE);
        }
        return value;
    }

    // The launcher is run from the repository root (README) or from local-stack/ (Maven); newsflow.services.dir wins.
    private static Path defaultServicesDirectory() {
        String configured = System.getProperty("newsflow.services.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path fromRoot = Path.of("local-stack", "target", "services");
        return fromRoot.toFile().isDirectory() ? fromRoot : Path.of("target", "services");
    }
}
