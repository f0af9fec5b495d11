package dev.newsflow.publish.stream;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.newsflow.publish.PublishProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * Live fan-out: the log's events, in order and each once, to every live subscriber of this instance, in batches of
 * those that arrive within one flush interval (an idle stream's next event leaves at once). The head is the last
 * offset streamed per partition: a new subscription starts there, a replay joins once it has reached it.
 * Concurrency: one lock (this object) guards the head and the batching, and a subscriber joins under it; the log
 * tail, the Kafka listener (through the tail) and the dispatch thread take it. Batches are emitted to the shared sink
 * by the one dispatch thread alone, in the order they were cut, outside the lock: the fan-out to every subscriber
 * never holds up the Kafka listener (its next poll) or the tail.
 */
@Component
class SubscriberDispatch {

    private static final Logger log = LoggerFactory.getLogger(SubscriberDispatch.class);
    // Most events written together (fewer if the subscriber buffer is smaller, so that a batch always fits in it).
    private static final int MAX_BATCH = 64;

    private final Sinks.Many<List<Streamed>> sink = Sinks.many().multicast().directBestEffort();
    private final EventRendering rendering;
    private final StreamMeters meters;
    private final int batchLimit;
    private final long flushIntervalNanos;
    private final Map<Integer, Long> head = new TreeMap<>();
    private final List<Streamed> undispatched = new ArrayList<>();
    private final ScheduledExecutorService flushTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stream-dispatch");
        thread.setDaemon(true);
        return thread;
    });
    private boolean started;
    private boolean dispatchScheduled;
    private long lastDispatchNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    SubscriberDispatch(EventRendering rendering, StreamMeters meters, PublishProperties properties) {
        this.rendering = rendering;
        this.meters = meters;
        this.batchLimit = Math.min(MAX_BATCH, properties.stream().buffer());
        this.flushIntervalNanos = properties.stream().flushInterval().toNanos();
    }

    /** A live event on its way to subscribers, rendered once for all of them. */
    record Streamed(LoggedEvent event, EventRendering.Rendered rendered) {
    }

    /** A batch as dispatched: its events, and the form a subscriber that takes all of them gets (made once). */
    static final class Dispatched extends AbstractList<Streamed> {

        private final List<Streamed> events;
        private final ArticleFeed.LiveBatch whole;

        Dispatched(List<Streamed> events) {
            this.events = events;
            this.whole = new ArticleFeed.LiveBatch(events);
        }

        ArticleFeed.LiveBatch whole() {
            return whole;
        }

        @Override
        public Streamed get(int index) {
            return events.get(index);
        }

        @Override
        public int size() {
            return events.size();
        }
    }

    @PreDestroy
    void stop() {
        flushTimer.shutdownNow();
    }

    /** Starts streaming after {@code latest}, the last offsets in the log when this instance started. */
    synchronized void start(Map<Integer, Long> latest) {
        latest.forEach((partition, offset) -> head.merge(partition, offset, Math::max));
        started = true;
    }

    synchronized boolean started() {
        return started;
    }

    /** The last offset streamed per partition. */
    synchronized Map<Integer, Long> head() {
        return Map.copyOf(head);
    }

    /**
     * Streams those of {@code events} (just logged, in order) that directly follow the head of their partition.
     *
     * @return {@code false} if one did not: something before it is in the log but not streamed yet, so the log must be read
     */
    synchronized boolean offerNext(List<LoggedEvent> events) {
        if (!started) {
            return false;
        }
        boolean complete = true;
        for (LoggedEvent event : events) {
            long last = head.getOrDefault(event.partition(), -1L);
            if (event.offset() == last + 1) {
                stream(event);
            }
            else if (event.offset() > last) {
                complete = false;
            }
        }
        return complete;
    }

    /**
     * Streams those of {@code events} that are beyond the head: events read from the log after an earlier head, in
     * offset order within each partition and complete from there (see {@link EventLogWriter}).
     */
    synchronized void offerRead(List<LoggedEvent> events) {
        for (LoggedEvent event : events) {
            if (event.offset() > head.getOrDefault(event.partition(), -1L)) {
                stream(event);
            }
        }
    }

    /** A live subscription and the head it started at. */
    record Joined(Map<Integer, Long> head, Disposable subscription) {
    }

    /** Subscribes {@code subscriber} to the live events after the head. */
    synchronized Joined joinAtHead(Consumer<List<Streamed>> subscriber) {
        return new Joined(Map.copyOf(head), sink.asFlux().subscribe(subscriber));
    }

    /**
     * Subscribes {@code subscriber} to the live events if {@code reached} (where a replay got to) is at or past the
     * head in every partition, so that the live events all follow it: none missed, none repeated.
     *
     * @return the subscription, or {@code null} if the replay has not caught up (the log holds more to read)
     */
    synchronized Disposable joinIfCaughtUp(Map<Integer, Long> reached, Consumer<List<Streamed>> subscriber) {
        for (Map.Entry<Integer, Long> last : head.entrySet()) {
            if (reached.getOrDefault(last.getKey(), -1L) < last.getValue()) {
                return null;
            }
        }
        return sink.asFlux().subscribe(subscriber);
    }

    /** Most events a batch holds. */
    int batchLimit() {
        return batchLimit;
    }

    // The event counts as streamed at once (head); it is dispatched now if the last dispatch is a flush interval old,
    // else with the others of that interval, from the dispatch thread.
    private void stream(LoggedEvent event) {
        head.put(event.partition(), event.offset());
        if (event.article() == null) {
            return;
        }
        // Live subscribers' positions are then all the head, so their frames can share the id line too.
        undispatched.add(new Streamed(event, rendering.live(event, StreamPosition.of(head).id())));
        log.debug("Streaming article {} version {} to {} subscribers", event.article().articleId(), event.article().version(),
                sink.currentSubscriberCount());
        if (undispatched.size() >= batchLimit) {
            dispatch();
            return;
        }
        if (dispatchScheduled) {
            return;
        }
        long wait = lastDispatchNanos + flushIntervalNanos - System.nanoTime();
        if (wait <= 0) {
            dispatch();
            return;
        }
        try {
            flushTimer.schedule(this::dispatchLater, wait, TimeUnit.NANOSECONDS);
            dispatchScheduled = true;
        }
        catch (RejectedExecutionException stopping) {
            dispatch();
        }
    }

    private synchronized void dispatchLater() {
        dispatchScheduled = false;
        if (!undispatched.isEmpty()) {
            dispatch();
        }
    }

    // Cuts the batch under the lock and queues its emission on the dispatch thread (tasks run in the order queued),
    // so that batches reach the sink in order. A subscriber joining meanwhile may also get a batch cut before it
    // joined: its events are at or before the head it joined at, and its position skips them.
    private void dispatch() {
        List<Streamed> batch = List.copyOf(undispatched);
        undispatched.clear();
        lastDispatchNanos = System.nanoTime();
        try {
            flushTimer.execute(() -> emit(batch));
        }
        catch (RejectedExecutionException stopping) {
            emit(batch);
        }
    }

    private void emit(List<Streamed> events) {
        List<Streamed> batch = new Dispatched(events);
        Sinks.EmitResult result = meters.dispatched(batch, () -> sink.tryEmitNext(batch));
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            log.warn("{} events not streamed: {}", batch.size(), result);
        }
    }
}
