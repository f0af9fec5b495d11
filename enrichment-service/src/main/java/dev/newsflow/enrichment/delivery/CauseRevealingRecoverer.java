package dev.newsflow.enrichment.delivery;

import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;

/**
 * Publishes dead letters with the failure that explains them in the {@code kafka_dlt-exception-*} headers, not the
 * messaging wrappers around it ("error occurred in message handler"), so that whoever reads the dead-letter
 * topic sees why the record was rejected.
 */
final class CauseRevealingRecoverer extends DeadLetterPublishingRecoverer {

    CauseRevealingRecoverer(KafkaOperations<?, ?> template,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destinationResolver) {
        super(template, destinationResolver);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, explanation(exception));
    }

    static Exception explanation(Exception exception) {
        Throwable cause = exception;
        while ((cause instanceof MessagingException || cause instanceof ListenerExecutionFailedException)
                && cause.getCause() instanceof Exception inner) {
            cause = inner;
        }
        return (Exception) cause;
    }
}
