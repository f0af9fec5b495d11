package dev.newsflow.publish.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.newsflow.publish.PublishProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * This instance's reading of the event log for its own subscribers ({@link SubscriberDispatch}). Events this instance
 * has just logged come straight from its Kafka binding; those other instances logged, and any that follow a gap, are
 * read from the log every {@code poll-interval}, and at once when a gap shows: a poll reads the highest logged offset
 * per partition and, only for partitions beyond the head, the events. It starts (indexes, then the log's
 * latest offsets as the head) in the background, retrying until MongoDB answers: start-up never waits for MongoDB.
 * Concurrency: one reactive chain runs the reads one at a time; wake-ups and {@link #written} come from any thread.
 */
@Component
class LogTail {

    private static final Logger log = LoggerFactory.getLogger(LogTail.class);
    private static final int READ_LIMIT = 512;

    private final EventLog eventLog;
    private final SubscriberDispatch dispatch;
    private final Duration retention;
    private final Duration pollInterval;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().onBackpressureBuffer(1, false);
    private final Sinks.One<Void> started = Sinks.one();
    private volatile boolean failing;
    private Disposable reading;

    LogTail(EventLog eventLog, SubscriberDispatch dispatch, PublishProperties properties) {
        this.eventLog = eventLog;
        this.dispatch = dispatch;
        this.retention = properties.stream().retention();
        this.pollInterval = properties.stream().pollInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        reading = Flux.merge(Flux.interval(Duration.ZERO, pollInterval), wakeUps.asFlux())
                .onBackpressureLatest()
                .concatMap(tick -> read()
                        .doOnSuccess(done -> recovered())
                        .onErrorResume(ex -> {
                            failed(ex);
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @PreDestroy
    void stop() {
        if (reading != null) {
            reading.dispose();
        }
    }

    /** Completes once the head is known: subscriptions start then. */
    Mono<Void> ready() {
        return started.asMono();
    }

    /** Events this instance has just logged, in order: streamed at once unless they follow a gap. */
    void written(List<LoggedEvent> events) {
        if (!dispatch.offerNext(events)) {
            wakeUp();
        }
    }

    private synchronized void wakeUp() {
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    private Mono<Void> read() {
        if (!dispatch.started()) {
            // The head starts at the highest offset of each partition, from its events or its stream_partitions
            // document: every offset up to the latter is logged, and a partition whose events have all expired has
            // only the latter (without it, every poll would find that partition behind and read the log for it).
            return eventLog.createIndexes(retention)
                    .then(Mono.zip(eventLog.latest(), eventLog.logged(), LogTail::highest))
                    .doOnNext(latest -> {
                        dispatch.start(latest);
                        started.tryEmitEmpty();
                        log.info("Streaming the event log after {}", latest.isEmpty() ? "its start" : StreamPosition.of(latest).id());
                    })
                    .then();
        }
        return eventLog.logged()
                .map(logged -> behind(logged, dispatch.head()))
                .filter(behind -> !behind.isEmpty())
                .flatMap(behind -> eventLog.after(behind, READ_LIMIT).collectList())
                .doOnNext(events -> {
                    dispatch.offerRead(events);
                    if (events.size() == READ_LIMIT) {
                        wakeUp();
                    }
                })
                .then();
    }

    private static Map<Integer, Long> highest(Map<Integer, Long> events, Map<Integer, Long> logged) {
        Map<Integer, Long> highest = new TreeMap<>(events);
        logged.forEach((partition, offset) -> highest.merge(partition, offset, Math::max));
        return highest;
    }

    // The partitions with events logged beyond the head, each with its head (-1: none streamed yet). Usually none:
    // this instance streams what it logged itself without reading it back, and the events themselves are read only
    // when another instance logged some or a gap showed (on a server without indexes, every read is a whole scan).
    private static Map<Integer, Long> behind(Map<Integer, Long> logged, Map<Integer, Long> head) {
        Map<Integer, Long> behind = new TreeMap<>();
        logged.forEach((partition, offset) -> {
            long streamed = head.getOrDefault(partition, -1L);
            if (offset > streamed) {
                behind.put(partition, streamed);
            }
        });
        return behind;
    }

    // One line when reading starts failing and one when it works again, not one per poll.
    private void failed(Throwable ex) {
        if (!failing) {
            failing = true;
            log.warn("Cannot read the event log (MongoDB unavailable?); live streams wait until it can: {}", ex.toString());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("Reading the event log again");
        }
    }
}
