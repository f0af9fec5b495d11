package dev.newsflow.ingest.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import dev.newsflow.ingest.IngestProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes submitted articles to Kafka with an idempotent, acks=all producer ({@link KafkaPublishing}). Each send
 * completes only after the broker acknowledged the record and fails if it did not within the producer's delivery
 * timeout (5 s). Sends are asynchronous, so that the records of a batch are in flight together and the producer
 * can group them; no thread waits for an acknowledgement.
 */
@Component
public class ArticlePublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestProperties properties;
    private final Counter accepted;
    private final Counter unavailable;

    ArticlePublisher(KafkaTemplate<String, byte[]> articleKafkaTemplate, IngestProperties properties, MeterRegistry meters) {
        this.kafka = articleKafkaTemplate;
        this.properties = properties;
        this.accepted = ingested(meters, "accepted");
        this.unavailable = ingested(meters, "broker-unavailable");
    }

    /** Sends one article; completes once the broker acknowledged it, or fails with {@link PublishFailedException}. */
    public Mono<Void> publish(ArticleSubmitted event) {
        // send() can block for up to max.block.ms while the broker is unreachable: keep it off the event loop.
        return Mono.fromFuture(() -> send(event)).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(ex -> !(ex instanceof PublishFailedException), ex -> new PublishFailedException(event.articleId(), ex))
                .doOnSuccess(ignored -> accepted.increment())
                .doOnError(ignored -> unavailable.increment())
                .then();
    }

    /**
     * Sends {@code events} in their order (so that versions of one article stay in order on its partition) and
     * answers, in the same order, whether the broker acknowledged each.
     */
    public Mono<List<Boolean>> publishInOrder(List<ArticleSubmitted> events) {
        return Mono.fromCallable(() -> {
                    List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
                    for (ArticleSubmitted event : events) {
                        sends.add(send(event));
                    }
                    return sends;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sends -> Mono.fromFuture(CompletableFuture.allOf(sends.stream()
                                .map(send -> send.handle((result, failure) -> null)).toArray(CompletableFuture[]::new)))
                        .then(Mono.fromSupplier(() -> acknowledged(sends))))
                // Acknowledgements complete on the producer's one network thread; what the caller does next runs
                // elsewhere, so that the producer goes on sending and receiving meanwhile.
                .publishOn(Schedulers.parallel());
    }

    private List<Boolean> acknowledged(List<CompletableFuture<?>> sends) {
        List<Boolean> acknowledged = new ArrayList<>(sends.size());
        for (CompletableFuture<?> send : sends) {
            boolean ok = !send.isCompletedExceptionally();
            (ok ? accepted : unavailable).increment();
            acknowledged.add(ok);
        }
        return acknowledged;
    }

    private CompletableFuture<?> send(ArticleSubmitted event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, event.articleId(),
                ArticleEventJson.write(event));
        EventHeaders.cloudEvent(EventType.ARTICLE_SUBMITTED, properties.source(), event.articleId(), Instant.now())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return kafka.send(record);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(new PublishFailedException(event.articleId(), ex));
        }
    }

    private static Counter ingested(MeterRegistry meters, String outcome) {
        return Counter.builder("newsflow.articles.ingested")
                .description("Articles submitted to ingest-service, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
