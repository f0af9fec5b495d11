package dev.newsflow.enrichment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.newsflow.enrichment.store.ArticleStore;
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
 * whichever instances run. An instance claims an article before announcing it and gives the claim up only once
 * the article's event was sent: if the send fails the article is due again after {@link #RETRY}, and if the instance
 * stops meanwhile another one (or this one restarted) takes the article over once the claim lapses ({@link #CLAIM}).
 * One thread.
 */
@Component
class EmbargoRelease {

    // A quarter of the second an embargoed article may be late by.
    static final long POLL_MILLIS = 250;
    static final Duration CLAIM = Duration.ofSeconds(30);
    static final Duration RETRY = Duration.ofSeconds(1);
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
            Optional<ArticleStore.ReleaseClaim> due;
            while ((due = store.claimDueRelease(Instant.now(), CLAIM)).isPresent()) {
                release(due.get());
            }
        }
        catch (RuntimeException ex) {
            // Tried again at the next poll; a claimed article is taken up again when its claim lapses.
            log.warn("Could not announce articles whose embargo ended: {}", ex.toString());
        }
    }

    // An article whose announcement failed (its event not sent) is due again after RETRY, behind the others due now.
    private void release(ArticleStore.ReleaseClaim claim) {
        try {
            enricher.release(claim);
        }
        catch (RuntimeException ex) {
            log.warn("Could not announce article {} whose embargo ended, trying again in {}: {}", claim.article().articleId(),
                    RETRY, ex.toString());
            store.releaseLater(claim, Instant.now().plus(RETRY));
        }
    }
}
