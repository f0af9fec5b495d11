package dev.newsflow.ingest.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import dev.newsflow.ingest.IngestProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes submitted articles to Kafka with an idempotent, acks=all producer ({@link KafkaPublishing}). Each send
 * completes only after the broker acknowledged the record and fails if it did not within the producer's delivery
 * timeout (5 s). Sends are asynchronous, so that the records of a batch are in flight together and the producer
 * can group them; no thread waits for an acknowledgement.
 *
 * <p>Every record carries the request's trace as W3C {@code traceparent} (and the propagation's other headers),
 * written here from the current span once per request or batch chunk rather than by an observation around each
 * send: a chunk of 500 records made 500 child spans that nobody looks at, about an eighth of ingest's sampled CPU.
 */
@Component
public class ArticlePublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestProperties properties;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final Counter accepted;
    private final Counter unavailable;

    ArticlePublisher(KafkaTemplate<String, byte[]> articleKafkaTemplate, IngestProperties properties, MeterRegistry meters,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.kafka = articleKafkaTemplate;
        this.properties = properties;
        this.tracer = tracer;
        this.propagator = propagator;
        this.accepted = ingested(meters, "accepted");
        this.unavailable = ingested(meters, "broker-unavailable");
    }

    /** Sends one article; completes once the broker acknowledged it, or fails with {@link PublishFailedException}. */
    public Mono<Void> publish(ArticleSubmitted event) {
        // send() can block for up to max.block.ms while the broker is unreachable: keep it off the event loop.
        return Mono.fromFuture(() -> send(event, traceHeaders())).subscribeOn(Schedulers.boundedElastic())
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
        if (events.isEmpty()) {
            return Mono.just(List.of());
        }
        return Mono.fromCallable(() -> {
                    Acknowledgements acknowledgements = new Acknowledgements(events.size());
                    Map<String, byte[]> trace = traceHeaders();
                    for (int i = 0; i < events.size(); i++) {
                        int index = i;
                        send(events.get(i), trace).whenComplete((result, failure) -> acknowledgements.arrived(index, failure == null));
                    }
                    return acknowledgements.all;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::fromFuture)
                // Acknowledgements complete on the producer's one network thread; what the caller does next runs
                // elsewhere, so that the producer goes on sending and receiving meanwhile.
                .publishOn(Schedulers.parallel());
    }

    /** The broker's answers to a run of sends, complete when the last has arrived. */
    private final class Acknowledgements {

        private final boolean[] acknowledged;
        private final AtomicInteger outstanding;
        final CompletableFuture<List<Boolean>> all = new CompletableFuture<>();

        Acknowledgements(int sends) {
            acknowledged = new boolean[sends];
            outstanding = new AtomicInteger(sends);
        }

        void arrived(int index, boolean ok) {
            // The count's decrement publishes this write to the thread that sees it reach zero.
            acknowledged[index] = ok;
            if (outstanding.decrementAndGet() == 0) {
                List<Boolean> answers = new ArrayList<>(acknowledged.length);
                int okCount = 0;
                for (boolean answer : acknowledged) {
                    answers.add(answer);
                    okCount += answer ? 1 : 0;
                }
                accepted.increment(okCount);
                unavailable.increment(acknowledged.length - okCount);
                all.complete(answers);
            }
        }
    }

    /** The propagation headers of the current span (W3C {@code traceparent}), none outside a trace. */
    private Map<String, byte[]> traceHeaders() {
        Tracer current = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span == null || propagation == null) {
            return Map.of();
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        propagation.inject(span.context(), headers, (carrier, name, value) -> carrier.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private CompletableFuture<?> send(ArticleSubmitted event, Map<String, byte[]> trace) {
        ProducerRecord<String, byte[]> record = EventHeaders.record(ArticleTopics.ARTICLE_SUBMITTED, EventType.ARTICLE_SUBMITTED,
                properties.source(), event.articleId(), Instant.now(), ArticleEventJson.write(event));
        trace.forEach((name, value) -> record.headers().add(name, value));
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
