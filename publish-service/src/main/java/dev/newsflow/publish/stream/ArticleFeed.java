package dev.newsflow.publish.stream;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    // Most events written together (fewer if the subscriber buffer is smaller, so that a batch always fits in it).
    private static final int MAX_BATCH = 64;

    // Batches of events, in order: each subscriber writes a batch as one buffer.
    private final Sinks.Many<List<Streamed>> sink = Sinks.many().multicast().directBestEffort();
    private final EventLog eventLog;
    private final JsonMapper json;
    // The newest offset per partition this instance has streamed: where a new subscription starts.
    private final Map<Integer, Long> latest = new TreeMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter published;
    private final Counter overflows;
    private final int buffer;
    private final int batchLimit;
    private final java.time.Duration retention;
    private final long flushIntervalNanos;
    // Events streamed but not yet handed to the subscribers, and whether a dispatch of them is scheduled; under `latest`.
    private final List<Streamed> undispatched = new java.util.ArrayList<>();
    private boolean dispatchScheduled;
    private long lastDispatchNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private final java.util.concurrent.ScheduledExecutorService dispatcher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "stream-dispatch");
                thread.setDaemon(true);
                return thread;
            });

    ArticleFeed(EventLog eventLog, JsonMapper json, MeterRegistry meters, PublishProperties properties) {
        this.eventLog = eventLog;
        this.json = json;
        this.buffer = properties.stream().buffer();
        this.batchLimit = Math.min(MAX_BATCH, buffer);
        this.retention = properties.stream().retention();
        this.flushIntervalNanos = properties.stream().flushInterval().toNanos();
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
        dispatcher.shutdownNow();
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

    // Under the lock, so the sink never sees concurrent emissions; no subscribers is fine. The event counts as
    // streamed at once (position, log); it reaches the subscribers now if the last dispatch is a flush interval
    // old, else with the others of that interval, from the dispatcher's thread.
    private Sinks.EmitResult emit(EventLog.Positioned event) {
        synchronized (latest) {
            latest.merge(event.partition(), event.offset(), Math::max);
            emitted++;
            unwritten.add(event);
            // Live subscribers' positions are then all this one, so their frames can share the id line too.
            Rendered rendered = render(event, StreamPosition.of(latest).id());
            undispatched.add(new Streamed(event, rendered));
            if (undispatched.size() >= batchLimit) {
                return dispatch();
            }
            if (dispatchScheduled) {
                return Sinks.EmitResult.OK;
            }
            long wait = lastDispatchNanos + flushIntervalNanos - System.nanoTime();
            if (wait <= 0) {
                return dispatch();
            }
            try {
                dispatcher.schedule(this::dispatchLater, wait, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            catch (java.util.concurrent.RejectedExecutionException stopping) {
                return dispatch();
            }
            dispatchScheduled = true;
            return Sinks.EmitResult.OK;
        }
    }

    private void dispatchLater() {
        synchronized (latest) {
            dispatchScheduled = false;
            if (undispatched.isEmpty()) {
                return;
            }
            Sinks.EmitResult result = dispatch();
            if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                log.warn("Events not streamed: {}", result);
            }
        }
    }

    // Holding `latest`.
    private Sinks.EmitResult dispatch() {
        List<Streamed> batch = List.copyOf(undispatched);
        undispatched.clear();
        lastDispatchNanos = System.nanoTime();
        return sink.tryEmitNext(batch);
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
    private record Rendered(ArticleView view, String json, EventFrames frames, boolean withdrawal) {
    }

    /** The SSE event (and NDJSON line's {@code event}) that tells subscribers an article was withdrawn. */
    public static final String WITHDRAWN = "article-withdrawn";

    /** What a withdrawal event carries. */
    record Withdrawal(String event, String id, long version) {
    }

    /** An event on its way to subscribers: rendered if live, else ({@code null}) rendered when needed. */
    private record Streamed(EventLog.Positioned event, Rendered rendered) {
    }

    // The most recent events' renderings, by partition and offset.
    private final Cache<Long, Rendered> rendered = Caffeine.newBuilder().maximumSize(1024).build();

    // A replayed event is rendered as it was streamed live, if still cached, else now (with no id to share).
    private Rendered rendered(Streamed streamed) {
        if (streamed.rendered() != null) {
            return streamed.rendered();
        }
        Rendered cached = rendered.getIfPresent(key(streamed.event()));
        return cached != null ? cached : render(streamed.event(), null);
    }

    // A withdrawal goes out as its own event, with nothing but the id and version, to every subscriber whatever its
    // filter: the article matched it when it was shown, which the withdrawal no longer tells.
    private Rendered render(EventLog.Positioned event, String sharedId) {
        ArticleView view = ArticleView.of(event.article());
        boolean withdrawal = event.article().change() == ArticleEnriched.Change.WITHDRAWN;
        String text = json.writeValueAsString(withdrawal ? new Withdrawal(WITHDRAWN, view.id(), view.version()) : view);
        boolean created = view.change() == null || view.change().equals("created");
        Rendered result = new Rendered(view, text, new EventFrames(withdrawal ? WITHDRAWN : created ? "article" : "article-updated",
                text, sharedId), withdrawal);
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

    /** {@link #subscribeInBatches} one event at a time. */
    public Flux<FeedEvent> subscribe(StreamFilter filter, StreamPosition resumeFrom) {
        // No prefetch: a batch leaves the subscriber's buffer only when its events are asked for.
        return subscribeInBatches(filter, resumeFrom).concatMap(Flux::fromIterable, 0);
    }

    /**
     * The articles matching {@code filter}: after {@code resumeFrom} if given (what was missed, from the event log,
     * then live), else from now on; in batches of those that arrived within one flush interval, to be written
     * together. A subscriber that does not keep up has up to {@code buffer} events held for it; one more and its
     * subscription ends with {@link FeedEvent.Overflow} (after what was buffered).
     */
    public Flux<List<FeedEvent>> subscribeInBatches(StreamFilter filter, StreamPosition resumeFrom) {
        return Flux.defer(() -> batches(filter, resumeFrom, new AtomicInteger()));
    }

    // `held` counts the events between the cut at `buffer` and the subscriber.
    private Flux<List<FeedEvent>> batches(StreamFilter filter, StreamPosition resumeFrom, AtomicInteger held) {
        return Flux.defer(() -> {
            Sinks.Many<List<Streamed>> pending = Sinks.many().unicast().onBackpressureBuffer();
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
            Flux<List<Streamed>> events = resumeFrom == null ? pending.asFlux()
                    : Flux.concat(logged(streamedBefore).thenMany(Flux.defer(() -> eventLog.after(resumeFrom.offsets())))
                                    .map(event -> new Streamed(event, null)).buffer(batchLimit),
                            pending.asFlux());
            return events
                    .map(batch -> {
                        List<FeedEvent> matching = new java.util.ArrayList<>(batch.size());
                        for (Streamed streamed : batch) {
                            if (position.advance(streamed.event().partition(), streamed.event().offset())) {
                                Rendered rendered = rendered(streamed);
                                if (rendered.withdrawal() || filter.test(rendered.view())) {
                                    matching.add(new FeedEvent.Article(rendered.view(), rendered.json(),
                                            idAfter(rendered, position, resumeFrom == null), rendered.frames()));
                                }
                            }
                        }
                        return matching;
                    })
                    .filter(matching -> !matching.isEmpty())
                    // Up to `buffer` events held: a batch that would pass it is cut there, and the subscription ends
                    // after it. (Not handle(): with context propagation it restores thread locals around every call.)
                    .map(batch -> {
                        int room = buffer - held.get();
                        boolean fits = batch.size() <= room;
                        List<FeedEvent> kept = fits ? batch : List.copyOf(batch.subList(0, Math.max(0, room)));
                        held.addAndGet(kept.size());
                        return new Held(kept, !fits);
                    })
                    .takeUntil(Held::overflowed)
                    .doOnSubscribe(subscription -> subscribers.incrementAndGet())
                    .doFinally(signal -> {
                        subscribers.decrementAndGet();
                        live.dispose();
                    });
        })
                .onBackpressureBuffer()
                .map(batch -> {
                    held.addAndGet(-batch.events().size());
                    if (!batch.overflowed()) {
                        return batch.events();
                    }
                    overflows.increment();
                    log.warn("A stream subscriber fell more than {} events behind and is disconnected", buffer);
                    List<FeedEvent> last = new java.util.ArrayList<>(batch.events());
                    last.add(new FeedEvent.Overflow("More than " + buffer
                            + " events were waiting for this subscriber; reconnect with the id of the last event received to continue."));
                    return last;
                });
    }

    /** A batch on its way to a subscriber; {@code overflowed}: the last one, cut where the subscriber's buffer was full. */
    private record Held(List<FeedEvent> events, boolean overflowed) {
    }
}
