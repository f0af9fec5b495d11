package dev.newsflow.ingest.publishing;

import java.time.Instant;
import java.util.Map;

import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import dev.newsflow.ingest.IngestProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes submitted articles to Kafka. The binding is synchronous (acks=all, idempotent producer), so the returned
 * Mono completes only after the broker acknowledged the record, and fails if it did not within the producer's
 * delivery timeout.
 */
@Component
public class ArticlePublisher {

    static final String BINDING = "articleSubmitted-out-0";

    private final StreamBridge streamBridge;
    private final IngestProperties properties;
    private final Counter accepted;
    private final Counter unavailable;

    ArticlePublisher(StreamBridge streamBridge, IngestProperties properties, MeterRegistry meters) {
        this.streamBridge = streamBridge;
        this.properties = properties;
        this.accepted = ingested(meters, "accepted");
        this.unavailable = ingested(meters, "broker-unavailable");
    }

    public Mono<Void> publish(ArticleSubmitted event) {
        // The send blocks until the broker answers: keep it off the event loop.
        return Mono.fromRunnable(() -> send(event)).subscribeOn(Schedulers.boundedElastic()).then()
                .doOnSuccess(ignored -> accepted.increment())
                .doOnError(ignored -> unavailable.increment());
    }

    private static Counter ingested(MeterRegistry meters, String outcome) {
        return Counter.builder("newsflow.articles.ingested")
                .description("Articles submitted to ingest-service, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    private void send(ArticleSubmitted event) {
        Map<String, String> cloudEvent = EventHeaders.cloudEvent(EventType.ARTICLE_SUBMITTED, properties.source(),
                event.articleId(), Instant.now());
        Message<ArticleSubmitted> message = MessageBuilder.withPayload(event)
                .copyHeaders(cloudEvent)
                .setHeader(KafkaHeaders.KEY, event.articleId())
                .build();
        boolean sent;
        try {
            sent = streamBridge.send(BINDING, message);
        }
        catch (RuntimeException ex) {
            throw new PublishFailedException(event.articleId(), ex);
        }
        if (!sent) {
            throw new PublishFailedException(event.articleId(), null);
        }
    }
}
