package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LaunchOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void withoutOptionsEverythingRunsLocallyOnTheDocumentedPorts() {
        LaunchOptions options = parse();

        assertThat(options.kafka()).isNull();
        assertThat(options.mongoUri()).isNull();
        assertThat(options.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(options.ports()).isEqualTo(new LaunchOptions.Ports(8081, 8082, 8083));
    }

    @Test
    void externalKafkaAndMongoReplaceTheLocalOnes() {
        LaunchOptions options = parse("--kafka=broker:9092", "--mongo=mongodb://db:27017", "--data=/tmp/x");

        assertThat(options.kafka()).isEqualTo("broker:9092");
        assertThat(options.mongoUri()).isEqualTo("mongodb://db:27017");
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void unknownOrEmptyOptionsAreRejectedNamingTheRightOne() {
        assertThat(execute("--kafak=x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--kafak=x'").contains("--kafka");

        assertThat(execute("--mongo=")).isEqualTo(2);
        assertThat(err.toString()).contains("--mongo needs a value");
    }

    @Test
    void helpPrintsTheUsageAndStartsNothing() {
        assertThat(execute("--help")).isZero();

        assertThat(out.toString()).contains("Usage:").contains("--mongo=URI").contains("ingest-service (8081)");
    }

    private static LaunchOptions parse(String... args) {
        LaunchCommand command = new LaunchCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    private int execute(String... args) {
        return new CommandLine(new LaunchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }
}
