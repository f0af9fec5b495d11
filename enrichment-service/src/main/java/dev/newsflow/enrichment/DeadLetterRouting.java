package dev.newsflow.enrichment;

import dev.newsflow.events.ArticleTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.stereotype.Component;

/**
 * Sends records that could not be processed to their topic's dead-letter topic as the contract names it, and
 * counts them ({@code newsflow.dlq.records}) so that operators can alert on poison input.
 */
@Component
class DeadLetterRouting implements DlqDestinationResolver {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRouting.class);

    private final MeterRegistry meters;

    DeadLetterRouting(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public String apply(ConsumerRecord<?, ?> record, Exception error) {
        String deadLetterTopic = ArticleTopics.deadLetterOf(record.topic());
        Counter.builder("newsflow.dlq.records")
                .description("Records sent to a dead-letter topic")
                .tag("topic", record.topic())
                .register(meters)
                .increment();
        log.warn("Record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(), deadLetterTopic,
                error.getMessage());
        return deadLetterTopic;
    }
}
