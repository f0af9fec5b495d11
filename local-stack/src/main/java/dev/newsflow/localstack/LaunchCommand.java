package dev.newsflow.localstack;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The launcher's command line: {@code java -jar local-stack/target/newsflow-local.jar [options]}. */
@Command(name = "java -jar local-stack/target/newsflow-local.jar", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Starts a Kafka broker (KRaft) on localhost:9092, a MongoDB endpoint on localhost:27017 (both keeping",
                "their data under ./data) and ingest-service (8081), enrichment-service (8082) and publish-service (8083)."})
final class LaunchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private String kafka;
    private String mongoUri;
    private Path dataDirectory;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this Kafka cluster instead of starting a local broker")
    void kafka(String bootstrapServers) {
        this.kafka = required("--kafka", bootstrapServers);
    }

    @Option(names = "--mongo", paramLabel = "URI", description = "use this MongoDB instead of starting a local endpoint")
    void mongo(String uri) {
        this.mongoUri = required("--mongo", uri);
    }

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "where the local broker and MongoDB endpoint keep their data (default ./${DEFAULT-VALUE})")
    void data(String directory) {
        this.dataDirectory = Path.of(required("--data", directory));
    }

    LaunchOptions options() {
        return LaunchOptions.defaults().withKafka(kafka).withMongoUri(mongoUri).withDataDirectory(dataDirectory);
    }

    @Override
    public Integer call() {
        return LocalStack.run(options());
    }

    // "--mongo=" would otherwise mean "no URI", and quietly start a local endpoint instead of the one meant.
    private String required(String option, String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), option + " needs a value");
        }
        return value;
    }
}
