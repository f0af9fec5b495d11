package dev.newsflow.publish.stream;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.BackOff;

/**
 * The {@code articleFeed} binding: the enriched-article topic, consumed in batches by a durable consumer group that
 * all publish-service instances share ({@code application.yml}), so that each record is logged by one instance, and
 * whatever was enriched while an instance (or all of them) was down is logged once it is back. The listener decodes a
 * batch and queues it for the log ({@link EventLogQueue}), whose writer thread acknowledges its offsets (manual
 * acknowledgement) only once it is written; it goes to this instance's {@link LogTail} at once, and reaches the other
 * instances through their tails. Concurrency: the binder's one listener thread, the queue's one writer thread.
 */
@Configuration(proxyBeanMethods = false)
class FeedBinding {

    private static final Logger log = LoggerFactory.getLogger(FeedBinding.class);

    @Bean
    Consumer<Message<List<byte[]>>> articleFeed(EventLogQueue queue, StreamMeters streamMeters, MeterRegistry meters,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Counter logged = Counter.builder("newsflow.articles.published")
                .description("Enriched articles consumed from Kafka and written to the event log for the streams")
                .register(meters);
        Clock clock = Clock.systemUTC();
        return message -> {
            List<LoggedEvent> events = events(message, Instant.now(clock));
            streamMeters.received(events);
            Acknowledgment offsets = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
            List<?> headers = message.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
            queue.add(events, () -> {
                offsets.acknowledge();
                logged.increment(events.stream().filter(event -> event.article() != null).count());
                report(headers, events, tracer.getIfAvailable(), propagator.getIfAvailable());
            });
        };
    }

    // One line per logged article, within the trace its record carries (W3C traceparent): a batch listener has no
    // per-record observation, and an article's path through the services is followed by its trace id.
    private static void report(List<?> headers, List<LoggedEvent> events, Tracer tracer, Propagator propagator) {
        for (int i = 0; i < events.size(); i++) {
            LoggedEvent event = events.get(i);
            if (event.article() == null) {
                continue;
            }
            Span span = tracer == null || propagator == null || headers == null || !(headers.get(i) instanceof Map<?, ?> recordHeaders)
                    ? null : propagator.extract(recordHeaders, FeedBinding::header).name("log enriched article").start();
            try (Tracer.SpanInScope scope = span == null ? null : tracer.withSpan(span)) {
                log.info("Logged article {} version {} ({}-{}@{})", event.article().articleId(), event.article().version(),
                        ArticleTopics.ARTICLE_ENRICHED, event.partition(), event.offset());
            }
            finally {
                if (span != null) {
                    span.end();
                }
            }
        }
    }

    private static String header(Map<?, ?> headers, String name) {
        Object value = headers.get(name);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value == null ? null : value.toString();
    }

    private static List<LoggedEvent> events(Message<List<byte[]>> message, Instant now) {
        List<byte[]> payloads = message.getPayload();
        List<?> partitions = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, List.class);
        List<?> offsets = message.getHeaders().get(KafkaHeaders.OFFSET, List.class);
        List<LoggedEvent> events = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            int partition = ((Number) partitions.get(i)).intValue();
            long offset = ((Number) offsets.get(i)).longValue();
            events.add(new LoggedEvent(partition, offset, now, article(payloads.get(i), partition, offset)));
        }
        return events;
    }

    // A record that is not an enriched-article event is logged without an article (the streams skip it), never retried.
    private static ArticleEnriched article(byte[] payload, int partition, long offset) {
        try {
            return ArticleEventJson.read(payload, ArticleEnriched.class);
        }
        catch (RuntimeException ex) {
            log.warn("Record {}-{}@{} is not an enriched-article event and is not streamed: {}", ArticleTopics.ARTICLE_ENRICHED,
                    partition, offset, ex.getMessage());
            return null;
        }
    }

    /**
     * A batch that could not be queued (the log is far behind: MongoDB unavailable) is retried, with back-off, until
     * it is: none is skipped, and each failed attempt is logged. Logged batches' offsets are committed without waiting
     * for the broker's answer, so that the next poll does not wait a round trip: a commit that fails or is lost
     * (crash) only has records consumed again, and writing them again changes nothing ({@link EventLogWriter}).
     */
    @Bean
    ListenerContainerWithDlqAndRetryCustomizer feedRetries() {
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                    BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
                DefaultErrorHandler handler = new DefaultErrorHandler(EventLogQueue.untilLogged());
                handler.setRetryListeners(new RetryListener() {
                    @Override
                    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                        log.warn("Attempt {} to queue record {}-{}@{} for the event log failed, retrying: {}", deliveryAttempt, record.topic(),
                                record.partition(), record.offset(), ex.toString());
                    }

                    @Override
                    public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                        log.warn("Attempt {} to queue {} records for the event log failed, retrying: {}", deliveryAttempt, records.count(), ex.toString());
                    }
                });
                container.setCommonErrorHandler(handler);
                container.getContainerProperties().setSyncCommits(false);
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }
        };
    }
}
