package dev.newsflow.publish.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.newsflow.publish.PublishProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The records the feed's Kafka listener ({@link FeedBinding}) consumed, on their way into the event log. The listener
 * queues each batch and goes back to {@code poll()} at once; one writer thread takes everything queued while its
 * previous write was in flight and logs it in one bulk write (a group commit), in consumption order, then streams it
 * ({@link LogTail}). The partitions' logged offsets are raised at most once per poll interval (other instances poll
 * that often), and only then does each batch's callback run: its offsets' acknowledgement, so that nothing is
 * committed before it is in the log. A write that fails (MongoDB unavailable) is retried with back-off until it
 * succeeds; meanwhile at most {@value #MAX_QUEUED} records wait, and a further batch is refused (the binding's error
 * handler retries it) rather than held in memory.
 * Concurrency: the listener thread adds under one lock, the one writer thread takes under it and writes outside it.
 */
@Component
class EventLogQueue {

    private static final Logger log = LoggerFactory.getLogger(EventLogQueue.class);
    static final int MAX_QUEUED = 2048;
    // How long a batch waits for room before it is refused: the writer frees some within milliseconds unless it is failing.
    private static final Duration ROOM_WAIT = Duration.ofSeconds(2);

    private final EventLogWriter writer;
    private final LogTail tail;
    private final StreamMeters meters;
    private final long raiseIntervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final Condition taken = lock.newCondition();
    private final ArrayDeque<Batch> queued = new ArrayDeque<>();
    private final Thread thread = new Thread(this::writeWhileRunning, "stream-log-writer");
    private int queuedRecords;
    private volatile boolean running;

    EventLogQueue(EventLogWriter writer, LogTail tail, StreamMeters meters, PublishProperties properties) {
        this.writer = writer;
        this.tail = tail;
        this.meters = meters;
        this.raiseIntervalNanos = properties.stream().pollInterval().toNanos();
        thread.setDaemon(true);
    }

    /** Consumed records and what to do once they are in the log (acknowledge their offsets). */
    private record Batch(List<LoggedEvent> events, Runnable logged) {
    }

    @PostConstruct
    void start() {
        running = true;
        thread.start();
    }

    /** Stops writing: what is still queued was not acknowledged, so the consumer group delivers it again. */
    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }

    /**
     * Queues {@code events} (one consumed batch, in order) for the log; {@code logged} runs on the writer thread once
     * they and every batch queued before are in it.
     *
     * @throws IllegalStateException if the log is {@value #MAX_QUEUED} records behind (MongoDB unavailable?)
     */
    void add(List<LoggedEvent> events, Runnable logged) {
        lock.lock();
        try {
            long wait = ROOM_WAIT.toNanos();
            // A batch larger than the limit still goes in alone.
            while (queuedRecords > 0 && queuedRecords + events.size() > MAX_QUEUED) {
                if (wait <= 0) {
                    throw new IllegalStateException("The event log is " + queuedRecords + " records behind (MongoDB unavailable?)");
                }
                wait = taken.awaitNanos(wait);
            }
            queued.add(new Batch(events, logged));
            queuedRecords += events.size();
            added.signal();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while queuing records for the event log", ex);
        }
        finally {
            lock.unlock();
        }
    }

    private void writeWhileRunning() {
        Map<Integer, Long> unraised = new TreeMap<>();
        List<Runnable> unacknowledged = new ArrayList<>();
        long raiseDue = 0;
        try {
            while (running) {
                List<Batch> batches = take(unraised.isEmpty() ? Long.MAX_VALUE : raiseDue - System.nanoTime());
                if (!batches.isEmpty()) {
                    List<LoggedEvent> events = new ArrayList<>();
                    batches.forEach(batch -> events.addAll(batch.events()));
                    long start = System.nanoTime();
                    untilWritten("log " + events.size() + " records", () -> writer.append(events));
                    meters.logged(events, Duration.ofNanos(System.nanoTime() - start));
                    tail.written(events);
                    if (unraised.isEmpty()) {
                        raiseDue = System.nanoTime() + raiseIntervalNanos;
                    }
                    events.forEach(event -> unraised.merge(event.partition(), event.offset(), Math::max));
                    batches.forEach(batch -> unacknowledged.add(batch.logged()));
                }
                if (!unraised.isEmpty() && System.nanoTime() - raiseDue >= 0) {
                    untilWritten("raise the logged offsets of " + unraised.size() + " partitions", () -> writer.raise(unraised));
                    unraised.clear();
                    unacknowledged.forEach(Runnable::run);
                    unacknowledged.clear();
                }
            }
        }
        catch (InterruptedException ex) {
            // stop(): the unacknowledged records are delivered again.
        }
    }

    /**
     * The pause between attempts to log what the feed consumed, here and in the binding's retries of a batch it could
     * not queue: 200 ms, doubling, at most 10 s, for as long as it takes.
     */
    static ExponentialBackOff untilLogged() {
        ExponentialBackOff untilLogged = new ExponentialBackOff(200, 2.0);
        untilLogged.setMaxInterval(Duration.ofSeconds(10).toMillis());
        return untilLogged;
    }

    // Everything queued, waiting up to `nanos` for something.
    private List<Batch> take(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long wait = nanos;
            while (queued.isEmpty() && wait > 0) {
                wait = added.awaitNanos(wait);
            }
            List<Batch> batches = new ArrayList<>(queued);
            queued.clear();
            queuedRecords = 0;
            taken.signalAll();
            return batches;
        }
        finally {
            lock.unlock();
        }
    }

    private void untilWritten(String what, Runnable write) throws InterruptedException {
        BackOffExecution backOff = null;
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            }
            catch (RuntimeException ex) {
                if (!running) {
                    throw new InterruptedException("stopping");
                }
                if (backOff == null) {
                    backOff = untilLogged().start();
                }
                log.warn("Attempt {} to {} failed, retrying: {}", attempt, what, ex.toString());
                TimeUnit.MILLISECONDS.sleep(backOff.nextBackOff());
            }
        }
    }
}
