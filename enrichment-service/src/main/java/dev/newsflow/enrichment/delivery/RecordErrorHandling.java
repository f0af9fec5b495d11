package dev.newsflow.enrichment.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.events.ArticleTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a submitted-article or category-correction record whose processing failed. Retries run in the listener container, not the binding, so a
 * long outage re-polls instead of overrunning {@code max.poll.interval.ms}; offsets are committed only for records
 * that were processed or dead-lettered.
 *
 * <ul>
 * <li>MongoDB or the broker unavailable ({@link Failures#isTransient}): retried with exponential back-off (up to
 * {@code newsflow.enrichment.transient-retry-max-interval}) for as long as it takes. The partition waits; nothing
 * is skipped.</li>
 * <li>Poison ({@link InvalidEventException}, or a record the binder could not convert): straight to the
 * dead-letter topic, no retry.</li>
 * <li>Anything else: the binding's {@code max-attempts} with its back-off, then the dead-letter topic.</li>
 * </ul>
 * Dead-lettered records keep key, value and headers, and gain Spring Kafka's {@code kafka_dlt-exception-*} and
 * {@code kafka_dlt-original-*} headers.
 */
@Configuration(proxyBeanMethods = false)
class RecordErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(RecordErrorHandling.class);

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer retriesAndDeadLetters(KafkaProperties kafka, MeterRegistry meters,
            EnrichmentProperties properties) {
        Duration maxInterval = properties.transientRetryMaxInterval();
        KafkaTemplate<byte[], byte[]> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                deadLetterProducerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer()));
        DeadLetterRouting routing = new DeadLetterRouting(meters);
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                    BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
                if (ArticleTopics.ARTICLE_ENRICHED.equals(destinationName)) {
                    // The enriched topic only feeds related-post candidates: a record that fails is logged and skipped.
                    container.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(500, 2)));
                    return;
                }
                DefaultErrorHandler handler = new DefaultErrorHandler(new CauseRevealingRecoverer(deadLetters, routing),
                        backOff == null ? new FixedBackOff(0, 0) : backOff);
                handler.addNotRetryableExceptions(InvalidEventException.class);
                handler.setBackOffFunction((record, failure) -> Failures.isTransient(failure) ? untilAvailable(maxInterval) : null);
                handler.setRetryListeners((record, failure, attempt) -> log.warn("Attempt {} at {}-{}@{} failed{}: {}", attempt,
                        record.topic(), record.partition(), record.offset(),
                        Failures.isTransient(failure) ? " (dependency unavailable, retrying until it is back)" : "",
                        CauseRevealingRecoverer.explanation(failure).toString()));
                container.setCommonErrorHandler(handler);
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }
        };
    }

    private static BackOff untilAvailable(Duration maxInterval) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        // ExponentialBackOff's default maxElapsedTime is unlimited: retry until the dependency is back.
        return backOff;
    }

    private static Map<String, Object> deadLetterProducerProperties(KafkaProperties kafka) {
        Map<String, Object> properties = new HashMap<>(kafka.buildProducerProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "enrichment-service-dlq");
        return properties;
    }
}
