package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.newsflow.events.ArticleTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Faults of what the services depend on, mid-stream: MongoDB away for a while, the broker restarted, poison records
 * on the submitted topic (see {@link FaultSuite} for what each test checks afterwards).
 */
class FaultToleranceTest extends FaultSuite {

    FaultToleranceTest() {
        super("faults");
    }

    @Test
    @Order(2)
    void mongoUnavailableForAWhileMidStream() throws IOException {
        long retriesBefore = unavailableRetriesLogged();
        ArticleLoad load = ArticleLoad.startUpTo(client, run("mongo"), ARTICLES, WORKERS, BEFORE_FAULT);
        int before = load.acceptUpTo(BEFORE_FAULT, ACCEPT_TIMEOUT);

        infrastructure.stopMongo();
        long stopped = System.nanoTime();
        int during = load.acceptUpTo(ARTICLES, ACCEPT_TIMEOUT) - before;
        await().atMost(Duration.ofSeconds(90)).until(() -> unavailableRetriesLogged() > retriesBefore);
        await().atMost(Duration.ofSeconds(90)).until(() -> health(options.ports().enrichment(), "readiness") == 503);
        assertThat(health(options.ports().enrichment(), "liveness")).as("liveness while MongoDB is away").isEqualTo(200);
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
        long started = System.nanoTime();
        HttpResponse<String> refused = client.submit(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("while-down")));
        long answeredInMillis = (System.nanoTime() - started) / 1_000_000;
        load.allowAll();
        await().atMost(Duration.ofSeconds(60)).until(() -> load.unavailableAnswers() > 0);
        await().atMost(Duration.ofSeconds(90)).until(() -> health(options.ports().ingest(), "readiness") == 503);
        assertThat(health(options.ports().ingest(), "liveness")).as("liveness while the broker is away").isEqualTo(200);
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
}
