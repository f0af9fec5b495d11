package dev.newsflow.publish.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.publish.ArticleView;
import dev.newsflow.publish.PublishProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The {@code articleFeed} binding: every enriched article this instance consumes is recorded in the
 * {@link EventLog} and fanned out to all current stream subscribers.
 *
 * <p>Each subscriber has a {@link StreamPosition} (per partition, the last offset it passed), sent as every event's
 * id. Resuming from an id replays the events after it from the log, then continues live; live events the replay
 * already covered are skipped by their offsets, so nothing is missed or repeated across the switch-over. The sink
 * never waits: each subscriber has its own bounded buffer, so a slow one cannot slow the Kafka consumer or the
 * other subscribers.
 */
@Component("articleFeed")
public class ArticleFeed implements Consumer<Message<ArticleEnriched>> {

    private static final Logger log = LoggerFactory.getLogger(ArticleFeed.class);

    private final Sinks.Many<EventLog.Positioned> sink = Sinks.many().multicast().directBestEffort();
    private final EventLog eventLog;
    // The newest offset per partition this instance has streamed: where a new subscription starts.
    private final Map<Integer, Long> latest = new TreeMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter published;
    private final Counter overflows;
    private final int buffer;

    ArticleFeed(EventLog eventLog, MeterRegistry meters, PublishProperties properties) {
        this.eventLog = eventLog;
        this.buffer = properties.stream().buffer();
        this.overflows = Counter.builder("newsflow.stream.overflows")
                .description("Stream subscribers disconnected because they fell too far behind")
                .register(meters);
        this.published = Counter.builder("newsflow.articles.published")
                .description("Enriched articles received from Kafka and fanned out to stream subscribers")
                .register(meters);
        Gauge.builder("newsflow.stream.subscribers", subscribers, AtomicInteger::get)
                .description("Open SSE and NDJSON stream subscriptions")
                .register(meters);
    }

    /** New subscriptions start after the newest recorded event, also right after a restart. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        eventLog.createIndexes().block();
        Map<Integer, Long> recorded = eventLog.latest().block();
        synchronized (latest) {
            recorded.forEach((partition, offset) -> latest.merge(partition, offset, Math::max));
        }
    }

    @Override
    public void accept(Message<ArticleEnriched> message) {
        Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
        Long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
        ArticleEnriched article = message.getPayload();
        published.increment();
        EventLog.Positioned event = new EventLog.Positioned(partition == null ? 0 : partition, offset == null ? -1 : offset, article);
        try {
            eventLog.append(event).block();
        }
        catch (RuntimeException ex) {
            // Streaming goes on without MongoDB; only a resume across this event would miss it.
            log.warn("Article {} version {} not recorded for resuming streams: {}", article.articleId(), article.version(),
                    ex.toString());
        }
        synchronized (latest) {
            latest.merge(event.partition(), event.offset(), Math::max);
            // One consumer thread emits, so the sink never sees concurrent emissions; no subscribers is fine.
            Sinks.EmitResult result = sink.tryEmitNext(event);
            if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                log.warn("Article {} version {} not streamed: {}", article.articleId(), article.version(), result);
                return;
            }
        }
        log.info("Streamed article {} version {} to {} subscribers", article.articleId(), article.version(), subscribers.get());
    }

    /** What one subscriber receives: an article with its event id, or the notice that ends a subscription that fell behind. */
    public sealed interface FeedEvent {

        /** An article that matches the subscriber's filter; {@code id} is the subscriber's position after it. */
        record Article(ArticleView article, String id) implements FeedEvent {
        }

        /** The last event of a subscription whose buffer overflowed. */
        record Overflow(String reason) implements FeedEvent {
        }
    }

    /** {@link #subscribe(StreamFilter, StreamPosition)} from now on. */
    public Flux<FeedEvent> subscribe(StreamFilter filter) {
        return subscribe(filter, null);
    }

    /**
     * The articles matching {@code filter}: after {@code resumeFrom} if given (what was missed, from the event log,
     * then live), else from now on. A subscriber that does not keep up has up to {@code buffer} events held for it;
     * one more and its subscription ends with {@link FeedEvent.Overflow} (after what was buffered).
     */
    public Flux<FeedEvent> subscribe(StreamFilter filter, StreamPosition resumeFrom) {
        return Flux.defer(() -> {
            Sinks.Many<EventLog.Positioned> pending = Sinks.many().unicast().onBackpressureBuffer();
            StreamPosition position;
            Disposable live;
            // Atomic with accept(): every event is either before the starting position or reaches `pending`.
            synchronized (latest) {
                position = resumeFrom != null ? resumeFrom : StreamPosition.of(latest);
                live = sink.asFlux().subscribe(pending::tryEmitNext);
            }
            Flux<EventLog.Positioned> events = resumeFrom == null ? pending.asFlux()
                    : Flux.concat(eventLog.after(resumeFrom.offsets()), pending.asFlux());
            return events
                    .filter(event -> position.advance(event.partition(), event.offset()))
                    .map(event -> ArticleView.of(event.article()))
                    .filter(filter)
                    .<FeedEvent>map(article -> new FeedEvent.Article(article, position.id()))
                    .doOnSubscribe(subscription -> subscribers.incrementAndGet())
                    .doFinally(signal -> {
                        subscribers.decrementAndGet();
                        live.dispose();
                    });
        })
                .onBackpressureBuffer(buffer)
                .onErrorResume(Exceptions::isOverflow, overflow -> {
                    overflows.increment();
                    log.warn("A stream subscriber fell more than {} events behind and is disconnected", buffer);
                    return Flux.just(new FeedEvent.Overflow("More than " + buffer
                            + " events were waiting for this subscriber; reconnect with the id of the last event received to continue."));
                });
    }
}
