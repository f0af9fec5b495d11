package dev.newsflow.publish.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Where a live event's time goes on its way to the subscribers: how long after its enrichment ({@code enrichedAt})
 * the feed received it, had it in the event log and handed it to the subscribers' connections
 * ({@code newsflow.stream.lag{stage}}), and the feed's own work per batch (writing the log, fanning out). Operators
 * see a stream falling behind, and which stage holds it; the stream benchmark prints the stages per run.
 * Concurrency: stateless; Micrometer's meters are thread-safe.
 */
@Component
class StreamMeters {

    private final Timer received;
    private final Timer logged;
    private final Timer dispatched;
    private final Timer logWrites;
    private final Timer fanOuts;
    private final DistributionSummary batches;

    StreamMeters(MeterRegistry meters) {
        this.received = lag(meters, "received", "the feed's listener got it from Kafka");
        this.logged = lag(meters, "logged", "it was written to the event log");
        this.dispatched = lag(meters, "dispatched", "it was handed to every live subscriber's connection");
        this.logWrites = Timer.builder("newsflow.stream.log.writes")
                .description("Time to write the feed's queued records to the event log (stream_events), retries included")
                .publishPercentileHistogram().register(meters);
        this.fanOuts = Timer.builder("newsflow.stream.fanouts")
                .description("Time to hand one batch of events to every live subscriber")
                .publishPercentileHistogram().register(meters);
        this.batches = DistributionSummary.builder("newsflow.stream.batch.size")
                .description("Records per batch the feed consumed from Kafka")
                .publishPercentileHistogram().register(meters);
    }

    private static Timer lag(MeterRegistry meters, String stage, String until) {
        return Timer.builder("newsflow.stream.lag").tag("stage", stage)
                .description("From an article's enrichment until " + until)
                .publishPercentileHistogram().register(meters);
    }

    void received(List<LoggedEvent> batch) {
        batches.record(batch.size());
        lag(received, batch);
    }

    /** {@code batch} is in the log, after a write of {@code write}: times it and each event's lag. */
    void logged(List<LoggedEvent> batch, Duration write) {
        logWrites.record(write);
        lag(logged, batch);
    }

    /** Runs {@code fanOut} (handing {@code batch} to the subscribers), timing it and each event's lag after it. */
    <T> T dispatched(List<SubscriberDispatch.Streamed> batch, Supplier<T> fanOut) {
        T result = fanOuts.record(fanOut);
        Instant now = Instant.now();
        for (SubscriberDispatch.Streamed streamed : batch) {
            lag(dispatched, streamed.event(), now);
        }
        return result;
    }

    private static void lag(Timer timer, List<LoggedEvent> batch) {
        Instant now = Instant.now();
        for (LoggedEvent event : batch) {
            lag(timer, event, now);
        }
    }

    private static void lag(Timer timer, LoggedEvent event, Instant now) {
        Instant enrichedAt = event.article() == null ? null : event.article().enrichedAt();
        if (enrichedAt != null) {
            timer.record(Duration.between(enrichedAt, now));
        }
    }
}
