package dev.newsflow.publish.stream;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.newsflow.publish.ArticleView;
import dev.newsflow.publish.PublishProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The streams' subscriptions. A new one starts at this instance's head and gets the live events
 * ({@link SubscriberDispatch}). A resumed one first replays what it missed from the event log, page by page and
 * only as fast as it takes them, and joins the live events once it has reached the head, so that nothing is missed
 * or repeated however long the replay is; a position the log no longer holds (older than its retention) gets a
 * {@link FeedEvent.Reset} and continues from the head. A subscriber that does not keep up with the live events has
 * up to {@code buffer} of them held for it; one more and it gets {@link FeedEvent.Overflow} and is disconnected, so
 * that it never slows the others.
 * Concurrency: each subscription is its own reactive chain; what they share lives in {@link SubscriberDispatch}.
 */
// Not "articleFeed": that is the Kafka binding's function (FeedBinding).
@Component("articleSubscriptions")
public class ArticleFeed {

    private static final Logger log = LoggerFactory.getLogger(ArticleFeed.class);

    private final EventLog eventLog;
    private final LogTail tail;
    private final SubscriberDispatch dispatch;
    private final EventRendering rendering;
    private final StreamShutdown shutdown;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter overflows;
    private final int buffer;
    private final int batchLimit;

    ArticleFeed(EventLog eventLog, LogTail tail, SubscriberDispatch dispatch, EventRendering rendering, StreamShutdown shutdown,
            MeterRegistry meters, PublishProperties properties) {
        this.eventLog = eventLog;
        this.tail = tail;
        this.dispatch = dispatch;
        this.rendering = rendering;
        this.shutdown = shutdown;
        this.buffer = properties.stream().buffer();
        this.batchLimit = dispatch.batchLimit();
        this.overflows = Counter.builder("newsflow.stream.overflows")
                .description("Stream subscribers disconnected because they fell too far behind")
                .register(meters);
        Gauge.builder("newsflow.stream.subscribers", subscribers, AtomicInteger::get)
                .description("Open SSE and NDJSON stream subscriptions")
                .register(meters);
    }

    /** What one subscriber receives. */
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

        /**
         * The first event of a resumed subscription whose position the log no longer holds: events were missed
         * that cannot be sent; the stream continues from {@code id}, the newest position.
         */
        record Reset(String id, String reason) implements FeedEvent {
        }
    }

    /**
     * A live batch as every subscriber that takes all of it gets it (the usual case: no filter, or one that all its
     * events match), made once per batch: the same events, and their frames in one buffer written to each of them.
     */
    public static final class LiveBatch extends AbstractList<FeedEvent> {

        private final List<FeedEvent> events;
        private final EventFrames.Joined frames;

        LiveBatch(List<SubscriberDispatch.Streamed> batch) {
            List<FeedEvent.Article> articles = batch.stream().map(streamed -> streamed.rendered()).map(rendered ->
                    new FeedEvent.Article(rendered.view(), rendered.json(), rendered.frames().sharedId(), rendered.frames())).toList();
            this.events = List.copyOf(articles);
            this.frames = EventFrames.joinLive(articles.stream().map(FeedEvent.Article::frames).toList());
        }

        /** The batch's SSE frames, the same memory for every subscriber. */
        public DataBuffer sse() {
            return frames.sse();
        }

        /** The batch's NDJSON lines, the same memory for every subscriber. */
        public DataBuffer ndjson() {
            return frames.ndjson();
        }

        @Override
        public FeedEvent get(int index) {
            return events.get(index);
        }

        @Override
        public int size() {
            return events.size();
        }
    }

    /** Whether the event log still holds everything after {@code position} (else a resume from it starts with a reset). */
    public Mono<Boolean> holdsEverythingAfter(StreamPosition position) {
        return eventLog.holdsEverythingAfter(position.offsets());
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
     * together. The subscription completes when the instance stops ({@link StreamShutdown}).
     */
    public Flux<List<FeedEvent>> subscribeInBatches(StreamFilter filter, StreamPosition resumeFrom) {
        Mono<Boolean> retained = resumeFrom == null ? Mono.just(true) : eventLog.holdsEverythingAfter(resumeFrom.offsets());
        return tail.ready().then(retained).flatMapMany(holds -> held(filter, holds ? resumeFrom : null, !holds))
                .takeUntilOther(shutdown.stopping());
    }

    private Flux<List<FeedEvent>> held(StreamFilter filter, StreamPosition resumeFrom, boolean reset) {
        return Flux.defer(() -> {
            Sinks.Many<List<SubscriberDispatch.Streamed>> pending = Sinks.many().unicast().onBackpressureBuffer();
            Disposable.Swap live = Disposables.swap();
            Flux<List<FeedEvent>> events;
            if (resumeFrom == null) {
                SubscriberDispatch.Joined joined = dispatch.joinAtHead(pending::tryEmitNext);
                live.update(joined.subscription());
                StreamPosition position = StreamPosition.of(joined.head());
                events = bounded(pending.asFlux().map(batch -> matching(batch, filter, position, true)));
                if (reset) {
                    events = events.startWith(List.of(new FeedEvent.Reset(position.id(), "The events after the given "
                            + "position are no longer kept (older than the retention); reload the articles, then continue "
                            + "from this event's id.")));
                }
            }
            else {
                StreamPosition position = StreamPosition.of(resumeFrom.offsets());
                events = catchUp(resumeFrom.offsets(), pending, live, batch -> matching(batch, filter, position, false));
            }
            return events
                    .filter(batch -> !batch.isEmpty())
                    .doOnSubscribe(subscription -> subscribers.incrementAndGet())
                    .doFinally(signal -> {
                        subscribers.decrementAndGet();
                        live.dispose();
                    });
        });
    }

    /**
     * Live events are pushed, not asked for: up to {@code buffer} of them are held for a subscriber that is slower;
     * a batch that would pass that is cut there, and the subscription ends after it with an overflow notice. A
     * replay needs no such limit: it reads the log only as fast as the subscriber takes the events.
     * (Not handle(): with context propagation it restores thread locals around every call.)
     */
    private Flux<List<FeedEvent>> bounded(Flux<List<FeedEvent>> live) {
        // The events between the cut at `buffer` and the subscriber.
        AtomicInteger held = new AtomicInteger();
        return live
                .filter(batch -> !batch.isEmpty())
                .map(batch -> {
                    int room = buffer - held.get();
                    boolean fits = batch.size() <= room;
                    List<FeedEvent> kept = fits ? batch : List.copyOf(batch.subList(0, Math.max(0, room)));
                    held.addAndGet(kept.size());
                    return new Held(kept, !fits);
                })
                .takeUntil(Held::overflowed)
                .onBackpressureBuffer()
                .map(batch -> {
                    held.addAndGet(-batch.events().size());
                    if (!batch.overflowed()) {
                        return batch.events();
                    }
                    overflows.increment();
                    log.warn("A stream subscriber fell more than {} events behind and is disconnected", buffer);
                    List<FeedEvent> last = new ArrayList<>(batch.events());
                    last.add(new FeedEvent.Overflow("More than " + buffer
                            + " events were waiting for this subscriber; reconnect with the id of the last event received to continue."));
                    return last;
                });
    }

    /**
     * The log's events after {@code from}, read as the subscriber asks for them, then, once they have reached the
     * head, the live ones; if the head moved on meanwhile, another round from the log first. Everything the head
     * held when a round began was in the log then, so a round reaches at least that far, also where events of an
     * idle partition expired meanwhile.
     */
    private Flux<List<FeedEvent>> catchUp(Map<Integer, Long> from, Sinks.Many<List<SubscriberDispatch.Streamed>> pending,
            Disposable.Swap live, Function<List<SubscriberDispatch.Streamed>, List<FeedEvent>> select) {
        Map<Integer, Long> headAtStart = dispatch.head();
        Map<Integer, Long> reached = new HashMap<>(from);
        Flux<List<FeedEvent>> replayed = eventLog.replay(from, headAtStart.keySet())
                .doOnNext(event -> reached.merge(event.partition(), event.offset(), Math::max))
                .buffer(batchLimit)
                .map(events -> select.apply(events.stream().map(event -> new SubscriberDispatch.Streamed(event,
                        event.article() == null ? null : rendering.replayed(event))).toList()));
        return replayed.concatWith(Flux.defer(() -> {
            headAtStart.forEach((partition, offset) -> reached.merge(partition, offset, Math::max));
            Disposable joined = dispatch.joinIfCaughtUp(reached, pending::tryEmitNext);
            if (joined == null) {
                return catchUp(reached, pending, live, select);
            }
            live.update(joined);
            return bounded(pending.asFlux().map(select));
        }));
    }

    // The events of `batch` the subscriber has not passed and wants, each with its position after it as id. A live
    // subscription's position is always the head, so the frames' shared id is its id (made once per event), and if
    // it wants the whole batch it gets the form made once for all (LiveBatch).
    private static List<FeedEvent> matching(List<SubscriberDispatch.Streamed> batch, StreamFilter filter, StreamPosition position,
            boolean shareIds) {
        List<FeedEvent> matching = new ArrayList<>(batch.size());
        for (SubscriberDispatch.Streamed streamed : batch) {
            EventRendering.Rendered rendered = streamed.rendered();
            if (position.advance(streamed.event().partition(), streamed.event().offset()) && rendered != null
                    && (rendered.withdrawal() || filter.test(rendered.view()))) {
                String shared = rendered.frames().sharedId();
                matching.add(new FeedEvent.Article(rendered.view(), rendered.json(),
                        shareIds && shared != null ? shared : position.id(), rendered.frames()));
            }
        }
        return shareIds && batch instanceof SubscriberDispatch.Dispatched dispatched && matching.size() == batch.size()
                ? dispatched.whole() : matching;
    }

    /** A batch on its way to a subscriber; {@code overflowed}: the last one, cut where the subscriber's buffer was full. */
    private record Held(List<FeedEvent> events, boolean overflowed) {
    }
}
