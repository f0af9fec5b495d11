package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.testsupport.Actuator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost. The three services run as separate JVMs from their jars; a newsroom pushes a stream
 * of {@value #ARTICLES} articles (and updates) at ingest and a fault is injected mid-stream: the stream is held once
 * ingest accepted the articles before number {@value #BEFORE_FAULT}, the fault goes in, and the rest is submitted
 * while it lasts. Afterwards every accepted article is in MongoDB exactly once at its latest accepted version, its
 * latest version was delivered on the SSE stream, and poison records sit in the dead-letter topic. Each test prints
 * its counts. Two classes, each with its own stack, run the faults side by side in separate test JVMs:
 * {@link FaultToleranceTest} (MongoDB, the broker, poison records) and {@link InstanceFaultToleranceTest} (service
 * instances stopped, added and restarted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultSuite {

    // The guarantees checked do not depend on the count, the build's time does (each article is enriched, stored and
    // streamed on two cores). The hold at BEFORE_FAULT, not the count, puts articles on both sides of each fault
    // (ArticleLoad.acceptUpTo fails if ingest does not accept them); the tests check that the work submitted while a
    // fault lasted waited behind it: not stored while enrichment was stopped, failed writes retried while MongoDB was
    // away, 503s retried while the broker was.
    static final int ARTICLES = 60;
    static final int BEFORE_FAULT = ARTICLES / 2;
    static final int WORKERS = 4;
    static final Duration ACCEPT_TIMEOUT = Duration.ofMinutes(2);
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    static final String ENRICHMENT = "enrichment-service";
    static final String PUBLISH = "publish-service";

    /** Names the stack's log files ({@code target/stack-logs/<name>-<instance>.log}) and the test runs' ids. */
    private final String name;
    FaultInfrastructure infrastructure;
    LaunchOptions options;
    LocalStack stack;
    NewsflowClient client;
    NewsflowClient.StreamSubscription stream;
    MongoClient mongo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FaultSuite(String name) {
        this.name = name;
    }

    @BeforeAll
    void startStack(@TempDir Path data) {
        infrastructure = FaultInfrastructure.start(data.resolve("infrastructure"));
        System.out.println(name + ": running against " + infrastructure.description());
        // The services give up on an unreachable MongoDB after 5 s instead of the driver's 30 s, so that the outage is
        // noticed (and retried) sooner; what must hold during and after it is the same.
        options = NewsflowClient.testOptions(infrastructure.kafkaBootstrapServers(),
                infrastructure.mongoUri().replaceFirst("/$", "") + "/?serverSelectionTimeoutMS=5000", data);
        stack = LocalStack.start(options, NewsflowClient.logFiles(name));
        client = new NewsflowClient(options.ports(), stack.apiKey());
        mongo = MongoClients.create(infrastructure.mongoUri());
        stream = client.stream();
        client.awaitLive(stream);
    }

    @AfterEach
    void restoreInfrastructure() {
        infrastructure.ensureRunning();
    }

    @AfterAll
    void stopStack() {
        if (stream != null) {
            stream.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    String run(String test) {
        return name + "-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Lets {@code load} go on to the end and returns the articles accepted that were not in {@code earlier}. */
    static Map<String, ArticleLoad.Accepted> acceptedAfter(ArticleLoad load, Map<String, ArticleLoad.Accepted> earlier) {
        return acceptedAfter(load, earlier, ARTICLES);
    }

    /** Lets {@code load} go on up to article number {@code limit}; the articles accepted that were not in {@code earlier}. */
    static Map<String, ArticleLoad.Accepted> acceptedAfter(ArticleLoad load, Map<String, ArticleLoad.Accepted> earlier,
            int limit) {
        load.acceptUpTo(limit, ACCEPT_TIMEOUT);
        Map<String, ArticleLoad.Accepted> after = new HashMap<>(load.acceptedSoFar());
        after.keySet().removeAll(earlier.keySet());
        return after;
    }

    /** Waits until every accepted article is stored at its latest version and was streamed, then counts. */
    Outcome settle(ArticleLoad load) {
        return settle(load, stream);
    }

    /** {@link #settle(ArticleLoad)} as {@code stream} saw it. */
    Outcome settle(ArticleLoad load, NewsflowClient.StreamSubscription stream) {
        Map<String, ArticleLoad.Accepted> accepted = load.awaitAllAccepted(ACCEPT_TIMEOUT);
        try {
            await().atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> stored(load.run()).size() == accepted.size()
                            && accepted.values().stream().allMatch(a -> a.version() == stored(load.run()).get(a.id()).version())
                            && accepted.values().stream().allMatch(a -> stream.timesReceived(a.id(), a.version()) > 0));
        }
        catch (org.awaitility.core.ConditionTimeoutException ex) {
            // Fall through: the counts and assertions below say what is missing.
        }
        return new Outcome(load, accepted, stored(load.run()), stream);
    }

    Map<String, ArticleLoad.Accepted> stored(String run) {
        Map<String, ArticleLoad.Accepted> stored = new HashMap<>();
        List<Document> documents = mongo.getDatabase(options.database()).getCollection("articles")
                .find(Filters.regex("externalId", "^" + java.util.regex.Pattern.quote(run + "-")))
                .projection(Projections.include("version", "title"))
                .into(new ArrayList<>());
        for (Document document : documents) {
            String id = document.getString("_id");
            if (stored.put(id, new ArticleLoad.Accepted(id, document.getLong("version"), document.getString("title"))) != null) {
                throw new AssertionError("Article " + id + " is stored twice");
            }
        }
        return stored;
    }

    /** Which of {@code keys} are in the dead-letter topic, read from its beginning to its current end. */
    Set<String> deadLetterKeys(Set<String> keys) {
        Set<String> found = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED))
                    .stream().map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        found.add(record.key());
                    }
                }
            }
        }
        return found;
    }

    long unavailableRetriesLogged() throws IOException {
        Path log = Path.of("target", "stack-logs", name + "-" + ENRICHMENT + ".log");
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("dependency unavailable, retrying until it is back")).count();
        }
    }

    /** The HTTP status of a service's {@code /actuator/health/{group}}: 200 when UP, 503 when DOWN. */
    int health(int port, String group) {
        // Health checks wait for the driver's and the binder's own timeouts when a dependency is away.
        return get(port, "/actuator/health/" + group, Duration.ofSeconds(70)).statusCode();
    }

    double enrichedCount(int port) {
        return Actuator.value(prometheus(port), "newsflow_articles_enriched_total", "outcome=\"enriched\"");
    }

    double assignedPartitions(int port) {
        return Actuator.value(prometheus(port), "kafka_consumer_coordinator_assigned_partitions");
    }

    private String prometheus(int port) {
        return get(port, "/actuator/prometheus", Duration.ofSeconds(10)).body();
    }

    private HttpResponse<String> get(int port, String path, Duration timeout) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** What one fault test ended with. */
    static final class Outcome {

        private final ArticleLoad load;
        final Map<String, ArticleLoad.Accepted> accepted;
        private final Map<String, ArticleLoad.Accepted> stored;
        private final long atLatestVersion;
        private final long streamedLatest;
        private final int streamedEvents;
        final int repeats;

        Outcome(ArticleLoad load, Map<String, ArticleLoad.Accepted> accepted, Map<String, ArticleLoad.Accepted> stored,
                NewsflowClient.StreamSubscription stream) {
            this.load = load;
            this.accepted = accepted;
            this.stored = stored;
            this.atLatestVersion = accepted.values().stream().filter(a -> a.equals(stored.get(a.id()))).count();
            this.streamedLatest = accepted.values().stream().filter(a -> stream.timesReceived(a.id(), a.version()) > 0).count();
            int[] events = stream.eventsAndRepeatsFor(accepted.keySet());
            this.streamedEvents = events[0];
            this.repeats = events[1];
        }

        void print(String fault) {
            System.out.printf("faults: %s%n  ingest accepted %d submissions (%d articles, %d updates); %d answers of 503, "
                            + "%d of 429 and %d refused connections, all retried by the client%n  MongoDB: %d documents, %d at their latest "
                            + "accepted version%n  SSE stream: %d of %d latest versions delivered, %d events, %d repeats%n",
                    fault, load.acceptedSubmissions(), accepted.size(), load.acceptedSubmissions() - accepted.size(),
                    load.unavailableAnswers(), load.throttledAnswers(), load.refusedConnections(), stored.size(), atLatestVersion, streamedLatest,
                    accepted.size(), streamedEvents, repeats);
        }

        void assertNothingLost() {
            assertThat(accepted).hasSize(ARTICLES);
            assertThat(stored.keySet()).as("articles in MongoDB").isEqualTo(accepted.keySet());
            assertThat(atLatestVersion).as("articles stored at their latest accepted version and title").isEqualTo(accepted.size());
            assertThat(streamedLatest).as("latest versions delivered on the stream").isEqualTo(accepted.size());
        }
    }
}
