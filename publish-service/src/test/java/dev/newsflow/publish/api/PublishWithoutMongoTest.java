package dev.newsflow.publish.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.newsflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * publish-service with MongoDB away (nothing listens where it should be): it starts all the same, and reads are
 * answered 503 with Retry-After within a few seconds instead of 500 after the driver's 30 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Its own group: the event-log consumers of other test contexts must not share partitions with this one.
        "spring.cloud.stream.bindings.articleFeed-in-0.group=publish-without-mongo",
        // As InfrastructureInitializer sets for the other test contexts: its stop need not wait out Netty's 2 s.
        "spring.reactor.netty.shutdown-quiet-period=0s"})
@AutoConfigureWebTestClient
@DirtiesContext
class PublishWithoutMongoTest {

    @Autowired
    WebTestClient http;

    // The shared broker, but a MongoDB address where nothing listens (not @KafkaAndMongo, whose MongoDB would win).
    @DynamicPropertySource
    static void brokerButNoMongo(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.cloud.stream.kafka.binder.brokers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + closedPort());
    }

    @Test
    void readsAreAnsweredServiceUnavailableWithRetryAfterWithinFiveSeconds() {
        // The first request of a fresh test JVM also loads and compiles the whole HTTP and error path (seconds on a
        // busy machine); it is answered the same way but not timed: the bound is about the store timeout.
        readIsServiceUnavailable("/api/articles/first-request");
        List<String> paths = List.of("/api/articles/some-id", "/api/articles?keyword=storm", "/api/categories",
                "/api/articles/stream?since=0:5");
        // Each read waits out the store timeout on its own: sent together, each still timed from its own start.
        ExecutorService readers = Executors.newFixedThreadPool(paths.size());
        try {
            Map<String, CompletableFuture<Duration>> reads = new LinkedHashMap<>();
            paths.forEach(path -> reads.put(path, CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                readIsServiceUnavailable(path);
                return Duration.ofNanos(System.nanoTime() - started);
            }, readers)));

            reads.forEach((path, read) -> assertThat(read.join()).as(path).isLessThan(Duration.ofSeconds(5)));
        }
        finally {
            readers.shutdownNow();
        }
    }

    private void readIsServiceUnavailable(String path) {
        http.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri(path).accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
