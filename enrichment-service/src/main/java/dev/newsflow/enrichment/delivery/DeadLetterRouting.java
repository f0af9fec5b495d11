package dev.newsflow.enrichment.delivery;

import java.util.function.BiFunction;

import dev.newsflow.events.ArticleTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be processed to its topic's dead-letter topic as the contract names it, keyed as
 * the original so that per-article order holds there too, and counts it ({@code newsflow.dlq.records}) so that
 * operators can alert on poison input.
 */
final class DeadLetterRouting implements BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRouting.class);

    private final MeterRegistry meters;

    DeadLetterRouting(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public TopicPartition apply(ConsumerRecord<?, ?> record, Exception error) {
        String deadLetterTopic = ArticleTopics.deadLetterOf(record.topic());
        Counter.builder("newsflow.dlq.records")
                .description("Records sent to a dead-letter topic")
                .tag("topic", record.topic())
                .register(meters)
                .increment();
        Throwable reason = rootCause(error);
        log.warn("Record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(), deadLetterTopic,
                reason.getMessage());
        // A negative partition lets the producer partition by the record's key.
        return new TopicPartition(deadLetterTopic, -1);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof InvalidEventException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
