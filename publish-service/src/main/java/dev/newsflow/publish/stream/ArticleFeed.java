package dev.newsflow.publish.stream;

import java.util.List;
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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code articleFeed} binding: every enriched article this instance consumes is fanned out to all current
 * stream subscribers and recorded in the {@link EventLog}.
 *
 * <p>Each subscriber has a {@link StreamPosition} (per partition, the last offset it passed), sent as every event's
 * id. The log is written in bulk behind the live stream, so MongoDB never slows it. Resuming from an id replays the events after it from the log, then continues live; live events the replay
 * already covered are skipped by their offsets, so nothing is missed or repeated across the switch-over. The sink
 * never waits: each subscriber has its own bounded buffer, so a slow one cannot slow the Kafka consumer or the
 * other subscribers.
 */
@Component("articleFeed")
public class ArticleFeed implements Consumer<Message<ArticleEnriched>> {

    private static final Logger log = LoggerFactory.getLogger(ArticleFeed.class);

    private final Sinks.Many<Streamed> sink = Sinks.many().multicast().directBestEffort();
    private final EventLog eventLog;
    private final JsonMapper json;
    // The newest offset per partition this instance has streamed: where a new subscription starts.
    private final Map<Integer, Long> latest = new TreeMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter published;
    private final Counter overflows;
    private final int buffer;
    private final java.time.Duration retention;

    ArticleFeed(EventLog eventLog, JsonMapper json, MeterRegistry meters, PublishProperties properties) {
        this.eventLog = eventLog;
        this.json = json;
        this.buffer = properties.stream().buffer();
        this.retention = properties.stream().retention();
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
        writer = new Thread(this::writeLog, "stream-event-log");
        writer.setDaemon(true);
        writer.start();
        eventLog.createIndexes(retention).block();
        Map<Integer, Long> recorded = eventLog.latest().block();
        synchronized (latest) {
            recorded.forEach((partition, offset) -> latest.merge(partition, offset, Math::max));
        }
    }

    // The event log is written behind the live stream, in order, in bulk, by one thread: `written` counts the events
    // recorded (or given up on), `emitted` those streamed; a resume waits until the log holds what it cannot get live.
    private final java.util.concurrent.BlockingQueue<EventLog.Positioned> unwritten = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    private long emitted;
    private Thread writer;

    private void writeLog() {
        List<EventLog.Positioned> batch = new java.util.ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(unwritten.take());
            }
            catch (InterruptedException ex) {
                return;
            }
            unwritten.drainTo(batch, 499);
            try {
                eventLog.append(batch).block();
            }
            catch (RuntimeException ex) {
                // Streaming goes on without MongoDB; only a resume across these events would miss them.
                log.warn("{} streamed events not recorded for resuming streams: {}", batch.size(), ex.toString());
            }
            written.addAndGet(batch.size());
            batch.clear();
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (writer != null) {
            writer.interrupt();
        }
    }

    // Completes once the log holds the first `count` events streamed (or gave up on them).
    private reactor.core.publisher.Mono<Void> logged(long count) {
        return reactor.core.publisher.Mono.defer(() -> written.get() >= count ? reactor.core.publisher.Mono.<Void>empty()
                        : reactor.core.publisher.Mono.error(new IllegalStateException("event log behind")))
                .retryWhen(reactor.util.retry.Retry.fixedDelay(1000, java.time.Duration.ofMillis(10)))
                .onErrorResume(ex -> reactor.core.publisher.Mono.empty());
    }

    @Override
    public void accept(Message<ArticleEnriched> message) {
        Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
        Long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
        ArticleEnriched article = message.getPayload();
        published.increment();
        EventLog.Positioned event = new EventLog.Positioned(partition == null ? 0 : partition, offset == null ? -1 : offset, article);
        Sinks.EmitResult result = emit(event);
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            log.warn("Article {} version {} not streamed: {}", article.articleId(), article.version(), result);
            return;
        }
        log.info("Streamed article {} version {} to {} subscribers", article.articleId(), article.version(), subscribers.get());
    }

    // On the listener's thread, one event at a time, so the sink never sees concurrent emissions; no subscribers is fine.
    private Sinks.EmitResult emit(EventLog.Positioned event) {
        synchronized (latest) {
            latest.merge(event.partition(), event.offset(), Math::max);
            emitted++;
            unwritten.add(event);
            // Live subscribers' positions are then all this one, so their frames can share the id line too.
            Rendered rendered = render(event, StreamPosition.of(latest).id());
            return sink.tryEmitNext(new Streamed(event, rendered));
        }
    }

    /** What one subscriber receives: an article with its event id, or the notice that ends a subscription that fell behind. */
    public sealed interface FeedEvent {

        /**
         * An article that matches the subscriber's filter, with its JSON (made once per event, shared by all
         * subscribers); {@code id} is the subscriber's position after it.
         */
        record Article(ArticleView article, String json, String id, EventFrames frames) implements FeedEvent {

            /** This event as the subscriber's SSE frame, sharing its memory with the other subscribers'. */
            public DataBuffer sse() {
                return frames.sse(id);
            }

            /** This event as an NDJSON line, the same memory for every subscriber. */
            public DataBuffer ndjson() {
                return frames.ndjson();
            }
        }

        /** The last event of a subscription whose buffer overflowed. */
        record Overflow(String reason) implements FeedEvent {
        }
    }

    /** An event as subscribers get it: the view, its JSON and its frames, made once however many subscribers there are. */
    private record Rendered(ArticleView view, String json, EventFrames frames) {
    }

    /** An event on its way to subscribers: rendered if live, else ({@code null}) rendered when needed. */
    private record Streamed(EventLog.Positioned event, Rendered rendered) {
    }

    // The most recent events' renderings, by partition and offset.
    private final Map<Long, Rendered> rendered = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Rendered> eldest) {
                    return size() > 1024;
                }
            });

    // A replayed event is rendered as it was streamed live, if still cached, else now (with no id to share).
    private Rendered rendered(Streamed streamed) {
        if (streamed.rendered() != null) {
            return streamed.rendered();
        }
        Rendered cached = rendered.get(key(streamed.event()));
        return cached != null ? cached : render(streamed.event(), null);
    }

    private Rendered render(EventLog.Positioned event, String sharedId) {
        ArticleView view = ArticleView.of(event.article());
        String text = json.writeValueAsString(view);
        boolean created = view.change() == null || view.change().equals("created");
        Rendered result = new Rendered(view, text, new EventFrames(created ? "article" : "article-updated", text, sharedId));
        rendered.put(key(event), result);
        return result;
    }

    private static long key(EventLog.Positioned event) {
        return ((long) event.partition() << 48) ^ event.offset();
    }

    // A live subscription started at the instance's newest position and passes every event after it, so its
    // position is always the instance's: the id the frames share (made once per event, not once per subscriber).
    private static String idAfter(Rendered rendered, StreamPosition position, boolean live) {
        String shared = rendered.frames().sharedId();
        return live && shared != null ? shared : position.id();
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
            Sinks.Many<Streamed> pending = Sinks.many().unicast().onBackpressureBuffer();
            StreamPosition position;
            Disposable live;
            long streamedBefore;
            // Atomic with accept(): every event is either before the starting position or reaches `pending`.
            synchronized (latest) {
                position = resumeFrom != null ? resumeFrom : StreamPosition.of(latest);
                live = sink.asFlux().subscribe(pending::tryEmitNext);
                streamedBefore = emitted;
            }
            // A resume replays from the log once it holds everything streamed before the live subscription.
            Flux<Streamed> events = resumeFrom == null ? pending.asFlux()
                    : Flux.concat(logged(streamedBefore).thenMany(Flux.defer(() -> eventLog.after(resumeFrom.offsets())))
                                    .map(event -> new Streamed(event, null)),
                            pending.asFlux());
            return events
                    .filter(streamed -> position.advance(streamed.event().partition(), streamed.event().offset()))
                    .map(this::rendered)
                    .filter(rendered -> filter.test(rendered.view()))
                    .<FeedEvent>map(rendered -> new FeedEvent.Article(rendered.view(), rendered.json(),
                            idAfter(rendered, position, resumeFrom == null), rendered.frames()))
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
