package dev.newsflow.ingest.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The article-submitted topic as a test reads it: every record from the start, the latest event of an article on demand. */
final class SubmittedTopic implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    SubmittedTopic(String group) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(ArticleTopics.ARTICLE_SUBMITTED));
    }

    /** The latest event of article {@code key}, waiting up to 30 s for one. */
    synchronized ArticleSubmitted event(String key) {
        return latest(key, event -> true);
    }

    /**
     * The event of article {@code key} at {@code version}, waiting up to 30 s for it: an article's versions may
     * arrive in separate polls, so the latest event read so far can still be an older one.
     */
    synchronized ArticleSubmitted event(String key, long version) {
        return latest(key, event -> event.version() == version);
    }

    private ArticleSubmitted latest(String key, Predicate<ArticleSubmitted> wanted) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(r -> key.equals(r.key()))
                    .map(r -> ArticleEventJson.read(r.value(), ArticleSubmitted.class))
                    .filter(wanted).reduce((earlier, later) -> later).orElse(null);
        }, Objects::nonNull);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
