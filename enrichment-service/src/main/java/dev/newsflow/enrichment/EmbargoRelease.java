package dev.newsflow.enrichment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.newsflow.enrichment.delivery.Failures;
import dev.newsflow.enrichment.store.ArticleStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Announces embargoed articles when their embargo ends. The schedule is durable: it is the stored articles' own
 * {@code releaseDue} (indexed, present only until an article is announced), which every instance polls every
 * {@value #POLL_MILLIS} ms, so an article appears within a second of its embargo's end, also after restarts and
 * whichever instances run. An instance claims an article before announcing it and gives the claim up only once
 * the article's event was sent: if the send fails the article is due again after {@link #RETRY}, and if the instance
 * stops meanwhile another one (or this one restarted) takes the article over once the claim lapses ({@link #claim}).
 * Once the event was sent the article is never announced again: if taking it off the schedule fails, only that is
 * tried again (at every poll, before anything new is claimed). One thread.
 */
@Component
class EmbargoRelease {

    // A quarter of the second an embargoed article may be late by.
    static final long POLL_MILLIS = 250;
    static final Duration RETRY = Duration.ofSeconds(1);
    // Producer settings that bound how long a send may block (Kafka's defaults when unset), and what a claim adds.
    static final String MAX_BLOCK = "spring.cloud.stream.kafka.binder.producer-properties.max.block.ms";
    static final String DELIVERY_TIMEOUT = "spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms";
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(EmbargoRelease.class);

    private final ArticleStore store;
    private final ArticleEnricher enricher;
    private final Duration claim;
    private final EnrichmentProperties.Embargo settings;
    private final Counter failed;
    // Claims whose article was announced but that are still to be taken off the schedule; the worker's only.
    private final Queue<ArticleStore.ReleaseClaim> announced = new ArrayDeque<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "embargo-release");
        thread.setDaemon(true);
        return thread;
    });

    EmbargoRelease(ArticleStore store, ArticleEnricher enricher, Environment environment, EnrichmentProperties properties,
            MeterRegistry meters) {
        this.store = store;
        this.enricher = enricher;
        this.claim = claim(environment);
        this.settings = properties.embargo();
        this.failed = Counter.builder("newsflow.embargo.release.failed")
                .description("Embargoed articles taken off the schedule unannounced: announcing them kept failing")
                .register(meters);
    }

    /**
     * How long a claim lasts: longer than the longest a send may take (waiting for the broker's metadata, then for
     * its acknowledgement), so that no other instance takes an article over while its event may still be sent.
     */
    static Duration claim(Environment environment) {
        return Duration.ofMillis(environment.getProperty(MAX_BLOCK, Long.class, 60_000L)
                + environment.getProperty(DELIVERY_TIMEOUT, Long.class, 120_000L)).plus(CLAIM_MARGIN);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        worker.scheduleWithFixedDelay(this::releaseDue, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Announces every article whose embargo has ended, most overdue first. */
    void releaseDue() {
        try {
            while (!announced.isEmpty()) {
                store.released(announced.peek());
                announced.remove();
            }
            Optional<ArticleStore.ReleaseClaim> due;
            while ((due = store.claimDueRelease(Instant.now(), claim)).isPresent()) {
                release(due.get());
            }
        }
        catch (RuntimeException ex) {
            // Tried again at the next poll; a claimed article is taken up again when its claim lapses.
            log.warn("Could not announce articles whose embargo ended: {}", ex.toString());
        }
    }

    // An article whose announcement failed (its event not sent) is due again, behind the others due now; one announced
    // is taken off the schedule, at the next poll again if that fails.
    private void release(ArticleStore.ReleaseClaim claim) {
        try {
            if (!enricher.release(claim)) {
                return;
            }
        }
        catch (RuntimeException ex) {
            failed(claim, ex);
            return;
        }
        announced.add(claim);
        store.released(claim);
        announced.remove();
    }

    // Without MongoDB or the broker: due again after RETRY, however often. Otherwise (an event too large, say) after
    // a pause that doubles with every attempt, and taken off the schedule after the last one.
    private void failed(ArticleStore.ReleaseClaim claim, RuntimeException failure) {
        String id = claim.article().articleId();
        if (Failures.isTransient(failure)) {
            log.warn("Could not announce article {} whose embargo ended, trying again in {}: {}", id, RETRY, failure.toString());
            store.releaseLater(claim, Instant.now().plus(RETRY), claim.attempts());
            return;
        }
        int attempts = claim.attempts() + 1;
        if (attempts >= settings.releaseAttempts()) {
            store.releaseFailed(claim, attempts, Instant.now());
            failed.increment();
            log.error("Gave up announcing article {} version {} whose embargo ended at {}, after {} attempts; releaseFailed "
                    + "is set on its document: {}", id, claim.article().version(), claim.article().embargoedUntil(), attempts,
                    failure.toString());
            return;
        }
        Duration pause = backOff(attempts, settings.releaseMaxBackOff());
        log.warn("Could not announce article {} whose embargo ended (attempt {} of {}), trying again in {}: {}", id, attempts,
                settings.releaseAttempts(), pause, failure.toString());
        store.releaseLater(claim, Instant.now().plus(pause), attempts);
    }

    /** The pause after the {@code attempts}th failed attempt: {@link #RETRY}, doubled for every attempt before, up to {@code max}. */
    static Duration backOff(int attempts, Duration max) {
        Duration pause = RETRY.multipliedBy(1L << Math.min(attempts - 1, 30));
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
