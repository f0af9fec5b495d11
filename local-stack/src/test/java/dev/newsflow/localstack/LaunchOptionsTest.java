package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void withoutOptionsEverythingRunsLocallyOnTheDocumentedPorts() {
        LaunchOptions options = LaunchOptions.parse();

        assertThat(options.kafka()).isNull();
        assertThat(options.mongoUri()).isNull();
        assertThat(options.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(options.ports()).isEqualTo(new LaunchOptions.Ports(8081, 8082, 8083));
    }

    @Test
    void externalKafkaAndMongoReplaceTheLocalOnes() {
        LaunchOptions options = LaunchOptions.parse("--kafka=broker:9092", "--mongo=mongodb://db:27017", "--data=/tmp/x");

        assertThat(options.kafka()).isEqualTo("broker:9092");
        assertThat(options.mongoUri()).isEqualTo("mongodb://db:27017");
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void unknownOrEmptyOptionsAreRejectedWithTheUsage() {
        assertThatThrownBy(() -> LaunchOptions.parse("--kafak=x")).hasMessageContaining("Unknown option --kafak=x")
                .hasMessageContaining("Usage");
        assertThatThrownBy(() -> LaunchOptions.parse("--mongo=")).hasMessageContaining("--mongo= needs a value");
    }

    @Test
    void helpAsksForTheUsage() {
        assertThat(LaunchOptions.parse("--help")).isNull();
    }
}
