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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.local.FreePorts;
import dev.newsflow.testsupport.Actuator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost. The three services run as separate JVMs from their jars; a newsroom pushes a stream
 * of {@value #ARTICLES} articles (and updates) at ingest and a fault is injected mid-stream: the stream is held once
 * ingest accepted the articles before number {@value #BEFORE_FAULT}, the fault goes in, and the rest is submitted
 * while it lasts. Afterwards every accepted article is in MongoDB exactly once at its latest accepted version, its
 * latest version was delivered on the SSE stream, and poison records sit in the dead-letter topic. Each test prints
 * its counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    // The guarantees checked do not depend on the count, the build's time does (each article is enriched, stored and
    // streamed on two cores). The hold at BEFORE_FAULT, not the count, puts articles on both sides of each fault
    // (ArticleLoad.acceptUpTo fails if ingest does not accept them); the tests check that the work submitted while a
    // fault lasted waited behind it: not stored while enrichment was stopped, failed writes retried while MongoDB was
    // away, 503s retried while the broker was.
    private static final int ARTICLES = 60;
    private static final int BEFORE_FAULT = ARTICLES / 2;
    private static final int WORKERS = 4;
    private static final Duration ACCEPT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    private static final String ENRICHMENT = "enrichment-service";
    private static final String PUBLISH = "publish-service";
    // The consumer group of enrichment-service's bindings (its application.yml).
    private static final String ENRICHMENT_GROUP = "enrichment-service";

    @TempDir
    static Path data;

    private static FaultInfrastructure infrastructure;
    private static LaunchOptions options;
    private static LocalStack stack;
    private static NewsflowClient client;
    private static NewsflowClient.StreamSubscription stream;
    private static MongoClient mongo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startStack() {
        infrastructure = FaultInfrastructure.start(data.resolve("infrastructure"));
        System.out.println("faults: running against " + infrastructure.description());
        // The services notice an outage sooner than in production, so that the tests wait less for it: MongoDB is given
        // up after 5 s instead of the driver's 30 s (3 s, not 10, for enrichment's store-timeout, which sets its own),
        // readiness reports the broker DOWN after 3 s without an answer instead of 10, and a record waiting for MongoDB
        // is retried at least every 2 s instead of 10. What must hold during and after each outage is the same.
        // Enrichment classifies by the topic descriptions' words only, without the embedding model: no guarantee here
        // depends on which topic an article gets, and the model cost a fifth of the suite's CPU (EndToEndTest and
        // ComposeEnvironmentTest run the services with it).
        options = NewsflowClient.testOptions(infrastructure.kafkaBootstrapServers(),
                infrastructure.mongoUri().replaceFirst("/$", "") + "/?serverSelectionTimeoutMS=5000", data,
                List.of("-Dspring.cloud.stream.kafka.binder.health-timeout=3", "-Dnewsflow.enrichment.store-timeout=3s",
                        "-Dnewsflow.enrichment.transient-retry-max-interval=2s", "-Dnewsflow.enrichment.categories.embeddings=false"));
        stack = LocalStack.start(options, NewsflowClient.logFiles("faults"));
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
    static void stopStack() {
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

    @Test
    @Order(1)
    void enrichmentServiceStoppedAndRestartedMidStream() {
        ArticleLoad load = ArticleLoad.startUpTo(client, run("restart"), ARTICLES, WORKERS, BEFORE_FAULT);
        int before = load.acceptUpTo(BEFORE_FAULT, ACCEPT_TIMEOUT);
        int storedAtStop = stored(load.run()).size();

        int exitCode = stack.stopInstance(ENRICHMENT);
        Map<String, ArticleLoad.Accepted> acceptedWhileStopped = acceptedAfter(load, load.acceptedSoFar());
        Set<String> storedWhileStopped = stored(load.run()).keySet();
        stack.startInstance(ENRICHMENT, ENRICHMENT, options.ports().enrichment());

        Outcome outcome = settle(load);
        outcome.print("(a) enrichment-service stopped (SIGTERM, exit code " + exitCode + ") and restarted mid-stream: "
                + before + " submissions accepted before the stop (" + storedAtStop + " articles stored by then), "
                + acceptedWhileStopped.size() + " articles while it was stopped");
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (graceful shutdown) and exited; 0 if it exited itself.
        assertThat(exitCode).isIn(0, 143);
        assertThat(storedWhileStopped).as("articles stored while enrichment was stopped: none, they wait in Kafka")
                .doesNotContainAnyElementsOf(acceptedWhileStopped.keySet());
        outcome.assertNothingLost();
    }

    @Test
    @Order(2)
    void mongoUnavailableForAWhileMidStream() throws IOException {
        long retriesBefore = unavailableRetriesLogged();
        ArticleLoad load = ArticleLoad.startUpTo(client, run("mongo"), ARTICLES, WORKERS, BEFORE_FAULT);
        int before = load.acceptUpTo(BEFORE_FAULT, ACCEPT_TIMEOUT);

        infrastructure.stopMongo();
        long stopped = System.nanoTime();
        // The rest of the stream goes in while the services are found out; all of it before MongoDB is back.
        load.allowAll();
        await().atMost(Duration.ofSeconds(90)).until(() -> unavailableRetriesLogged() > retriesBefore);
        await().atMost(Duration.ofSeconds(90)).until(() -> health(options.ports().enrichment(), "readiness") == 503);
        assertThat(health(options.ports().enrichment(), "liveness")).as("liveness while MongoDB is away").isEqualTo(200);
        int during = load.acceptUpTo(ARTICLES, ACCEPT_TIMEOUT) - before;
        infrastructure.startMongo();
        long outageSeconds = (System.nanoTime() - stopped) / 1_000_000_000;
        await().atMost(Duration.ofSeconds(90)).until(() -> health(options.ports().enrichment(), "readiness") == 200);

        Outcome outcome = settle(load);
        outcome.print("(b) MongoDB unavailable for " + outageSeconds + " s mid-stream (" + before + " submissions accepted "
                + "before, " + during + " during the outage); enrichment was not ready meanwhile and logged "
                + (unavailableRetriesLogged() - retriesBefore) + " failed attempts, each retried");
        outcome.assertNothingLost();
        assertThat(deadLetterKeys(outcome.accepted.keySet())).as("articles dead-lettered during the outage").isEmpty();
    }

    @Test
    @Order(3)
    void kafkaBrokerRestartedMidStream() {
        ArticleLoad load = ArticleLoad.startUpTo(client, run("broker"), ARTICLES, WORKERS, BEFORE_FAULT);
        int before = load.acceptUpTo(BEFORE_FAULT, ACCEPT_TIMEOUT);

        infrastructure.stopKafka();
        long stopped = System.nanoTime();
        // A POST of its own, the rest of the stream and the readiness check all wait for the broker side by side.
        CompletableFuture<HttpResponse<String>> whileDown = CompletableFuture.supplyAsync(
                () -> client.submit(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("while-down"))));
        CompletableFuture<Long> whileDownAnswered = whileDown.thenApply(response -> System.nanoTime());
        load.allowAll();
        await().atMost(Duration.ofSeconds(90)).until(() -> health(options.ports().ingest(), "readiness") == 503);
        assertThat(health(options.ports().ingest(), "liveness")).as("liveness while the broker is away").isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> load.unavailableAnswers() > 0);
        HttpResponse<String> refused = whileDown.join();
        long answeredInMillis = (whileDownAnswered.join() - stopped) / 1_000_000;
        infrastructure.startKafka();
        long downSeconds = (System.nanoTime() - stopped) / 1_000_000_000;
        await().atMost(Duration.ofSeconds(90)).until(() -> health(options.ports().ingest(), "readiness") == 200);

        Outcome outcome = settle(load);
        outcome.print("(c) Kafka broker down for " + downSeconds + " s mid-stream (" + before + " submissions accepted "
                + "before), then restarted; ingest was not ready meanwhile, and a POST while it was down got "
                + refused.statusCode() + " in " + answeredInMillis + " ms");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        // The producer's send is bounded at 5 s; allow for a busy machine, but never the client's 10 s timeout.
        assertThat(answeredInMillis).isLessThan(8_000);
        assertThat(load.unavailableAnswers()).isPositive();
        outcome.assertNothingLost();
    }

    @Test
    @Order(4)
    void poisonRecordsMidStreamGoToTheDeadLetterTopic() {
        ArticleLoad load = ArticleLoad.startUpTo(client, run("poison"), ARTICLES, WORKERS, BEFORE_FAULT);
        int before = load.acceptUpTo(BEFORE_FAULT, ACCEPT_TIMEOUT);

        Set<String> poisonKeys = new HashSet<>();
        List<String> poison = List.of("{not json", "{\"schemaVersion\":1,\"articleId\":\"x\",\"version\":1,\"title\":\"T",
                "{\"schemaVersion\":1,\"version\":\"soon\",\"title\":\"T\",\"body\":\"B\"}",
                "{\"schemaVersion\":1,\"version\":2,\"title\":\"No id\",\"body\":\"B\"}",
                "{\"schemaVersion\":7,\"articleId\":\"y\",\"version\":2,\"title\":\"Future\",\"body\":\"B\"}");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 20; i++) {
                String key = "poison-" + load.run() + "-" + i;
                poisonKeys.add(key);
                producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, key,
                        poison.get(i % poison.size()).getBytes(StandardCharsets.UTF_8)));
            }
        }
        load.allowAll();

        Outcome outcome = settle(load);
        Set<String> dead = new HashSet<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            dead.addAll(deadLetterKeys(poisonKeys));
            return dead.containsAll(poisonKeys);
        });
        outcome.print("(d) " + poisonKeys.size() + " poison records injected mid-stream, after " + before
                + " accepted submissions; " + dead.size()
                + " of them in " + ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED));
        outcome.assertNothingLost();
        assertThat(deadLetterKeys(outcome.accepted.keySet())).as("accepted articles dead-lettered").isEmpty();
    }

    @Test
    @Order(5)
    void twoEnrichmentInstancesInOneGroupShareThePartitionsWithoutDuplicates() {
        int secondPort = FreePorts.next();
        stack.startInstance(ENRICHMENT, "enrichment-service-2", secondPort);
        List<Integer> ports = List.of(options.ports().enrichment(), secondPort);
        // Both instances must hold partitions of the submitted topic before the load starts (each instance's other
        // consumers, e.g. its own group on the enriched topic, have partitions at once and tell nothing of this).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> instancesConsumingSubmittedArticles() == ports.size());
        List<Double> before = ports.stream().map(this::enrichedCount).toList();

        ArticleLoad load = ArticleLoad.start(client, run("scale"), ARTICLES, WORKERS);
        Outcome outcome = settle(load);
        List<Double> after = ports.stream().map(this::enrichedCount).toList();
        int first = (int) (after.get(0) - before.get(0));
        int second = (int) (after.get(1) - before.get(1));
        int exitCode = stack.stopInstance("enrichment-service-2");

        outcome.print("(e) two enrichment-service instances in one consumer group: " + first + " + " + second
                + " records enriched; the second stopped with exit code " + exitCode);
        outcome.assertNothingLost();
        assertThat(first).isPositive();
        assertThat(second).isPositive();
        assertThat(first + second).as("records enriched by both instances").isEqualTo(load.acceptedSubmissions());
        assertThat(outcome.repeats).as("events delivered twice").isZero();
    }

    @Test
    @Order(6)
    void publishServiceStoppedWhileArticlesArriveAndAClientResumingAfterItsRestartGetsEveryArticleOnce() {
        // A second instance shares the event log's consumer group; the client reads from the first.
        stack.startInstance(PUBLISH, "publish-service-2", FreePorts.next());
        NewsflowClient.StreamSubscription reader = client.stream();
        client.awaitLive(reader);
        ArticleLoad load = ArticleLoad.startUpTo(client, run("publish"), ARTICLES, WORKERS, ARTICLES / 4);
        int before = load.acceptUpTo(ARTICLES / 4, ACCEPT_TIMEOUT);

        reader.close();
        // The class's own subscriber leaves too (settle() below reads the resuming client): every reader of the
        // stopped instances is one that reconnects.
        stream.close();
        int exitCode = stack.stopInstance(PUBLISH);
        int whileSecondRan = load.acceptUpTo(ARTICLES / 2, ACCEPT_TIMEOUT) - before;
        // With every instance down, only the consumer group's committed offsets remember where the log stopped.
        int secondExitCode = stack.stopInstance("publish-service-2");
        Map<String, ArticleLoad.Accepted> acceptedWhileAllDown = acceptedAfter(load, load.acceptedSoFar(), ARTICLES * 3 / 4);
        stack.startInstance(PUBLISH, PUBLISH, options.ports().publish());
        Outcome outcome;
        try (NewsflowClient.StreamSubscription resumed = client.resume(reader)) {
            outcome = settle(load, resumed);
        }
        outcome.print("(f) publish-service stopped (exit code " + exitCode + ") while a second instance ran, then that one too ("
                + secondExitCode + "); the first restarted and the client resumed with its Last-Event-ID: " + before
                + " submissions accepted before the first stop, " + whileSecondRan + " while the second ran, "
                + acceptedWhileAllDown.size() + " articles while both were down");
        outcome.assertNothingLost();
        assertThat(outcome.repeats).as("events delivered twice").isZero();
    }

    private static String run(String test) {
        return "faults-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Lets {@code load} go on to the end and returns the articles accepted that were not in {@code earlier}. */
    private static Map<String, ArticleLoad.Accepted> acceptedAfter(ArticleLoad load, Map<String, ArticleLoad.Accepted> earlier) {
        return acceptedAfter(load, earlier, ARTICLES);
    }

    /** Lets {@code load} go on up to article number {@code limit}; the articles accepted that were not in {@code earlier}. */
    private static Map<String, ArticleLoad.Accepted> acceptedAfter(ArticleLoad load, Map<String, ArticleLoad.Accepted> earlier,
            int limit) {
        load.acceptUpTo(limit, ACCEPT_TIMEOUT);
        Map<String, ArticleLoad.Accepted> after = new HashMap<>(load.acceptedSoFar());
        after.keySet().removeAll(earlier.keySet());
        return after;
    }

    /** Waits until every accepted article is stored at its latest version and was streamed, then counts. */
    private Outcome settle(ArticleLoad load) {
        return settle(load, stream);
    }

    /** {@link #settle(ArticleLoad)} as {@code stream} saw it. */
    private Outcome settle(ArticleLoad load, NewsflowClient.StreamSubscription stream) {
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

    private Map<String, ArticleLoad.Accepted> stored(String run) {
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
    private Set<String> deadLetterKeys(Set<String> keys) {
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

    private long unavailableRetriesLogged() throws IOException {
        Path log = Path.of("target", "stack-logs", "faults-" + ENRICHMENT + ".log");
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("dependency unavailable, retrying until it is back")).count();
        }
    }

    /** The HTTP status of a service's {@code /actuator/health/{group}}: 200 when UP, 503 when DOWN. */
    private int health(int port, String group) {
        // Health checks wait for the driver's and the binder's own timeouts when a dependency is away.
        return get(port, "/actuator/health/" + group, Duration.ofSeconds(70)).statusCode();
    }

    private double enrichedCount(int port) {
        return Actuator.value(prometheus(port), "newsflow_articles_enriched_total", "outcome=\"enriched\"");
    }

    /**
     * Members of enrichment-service's consumer group that hold partitions of the submitted topic, once the group is
     * stable (one per instance: its other binding in the group reads the corrections topic).
     */
    private long instancesConsumingSubmittedArticles() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ENRICHMENT_GROUP)).all()
                    .get(10, TimeUnit.SECONDS).get(ENRICHMENT_GROUP);
            if (group.groupState() != GroupState.STABLE) {
                return 0;
            }
            return group.members().stream()
                    .filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(ArticleTopics.ARTICLE_SUBMITTED)))
                    .count();
        }
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
    private static final class Outcome {

        private final ArticleLoad load;
        private final Map<String, ArticleLoad.Accepted> accepted;
        private final Map<String, ArticleLoad.Accepted> stored;
        private final long atLatestVersion;
        private final long streamedLatest;
        private final int streamedEvents;
        private final int repeats;

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
