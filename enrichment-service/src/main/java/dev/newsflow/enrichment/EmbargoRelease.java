package dev.newsflow.enrichment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.events.ArticleEnriched;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces embargoed articles when their embargo ends. The schedule is durable: it is the stored articles' own
 * {@code releaseDue} (indexed, present only until an article is announced), which every instance polls every
 * {@value #POLL_MILLIS} ms, so an article appears within a second of its embargo's end, also after restarts and
 * whichever instances run. An instance claims an article before announcing it; if it fails to, another takes the
 * article over once the claim lapses ({@link #CLAIM}). One thread.
 */
@Component
class EmbargoRelease {

    // A quarter of the second an embargoed article may be late by.
    static final long POLL_MILLIS = 250;
    static final Duration CLAIM = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(EmbargoRelease.class);

    private final ArticleStore store;
    private final ArticleEnricher enricher;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "embargo-release");
        thread.setDaemon(true);
        return thread;
    });

    EmbargoRelease(ArticleStore store, ArticleEnricher enricher) {
        this.store = store;
        this.enricher = enricher;
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
            Optional<ArticleEnriched> due;
            while ((due = store.claimDueRelease(Instant.now(), CLAIM)).isPresent()) {
                enricher.release(due.get());
            }
        }
        catch (RuntimeException ex) {
            // Tried again at the next poll; a claimed article is taken up again when its claim lapses.
            log.warn("Could not announce articles whose embargo ended: {}", ex.toString());
        }
    }
}
