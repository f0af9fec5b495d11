package dev.newsflow.enrichment.related;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.enrichment.store.ArticleSummary;
import dev.newsflow.events.ArticleEnriched;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The newest enriched articles of the related-posts window, held in memory so that finding candidates costs no
 * database query. Loaded from MongoDB (the source of truth) on first use, then kept current from the
 * enriched-articles topic, which every instance reads whole in its own anonymous group (the
 * {@code rememberEnriched} binding), and from this instance's own writes.
 *
 * <p>Memory is bounded: at most {@code newsflow.enrichment.related.candidates} summaries (keywords, category
 * codes and labels, title and URL), the most recently enriched kept.
 */
@Component("rememberEnriched")
public class RecentArticles implements Consumer<ArticleEnriched> {

    private static final Logger log = LoggerFactory.getLogger(RecentArticles.class);

    private final ArticleStore store;
    private final EnrichmentProperties.Related settings;
    private final Clock clock = Clock.systemUTC();
    // Insertion order approximates enrichment order; candidates() sorts to be exact.
    private final LinkedHashMap<String, ArticleSummary> newest = new LinkedHashMap<>();
    private boolean loaded;

    RecentArticles(ArticleStore store, EnrichmentProperties properties) {
        this.store = store;
        this.settings = properties.related();
    }

    /** An enriched article from the topic: a candidate for later articles' related posts. */
    @Override
    public void accept(ArticleEnriched article) {
        remember(ArticleSummary.of(article));
    }

    /** Makes {@code article} a candidate, replacing an older version of it. */
    public synchronized void remember(ArticleSummary article) {
        newest.remove(article.articleId());
        newest.put(article.articleId(), article);
        trimToCapacity();
    }

    // Drops the earliest inserted beyond the capacity; callers hold the lock.
    private void trimToCapacity() {
        while (newest.size() > settings.candidates()) {
            newest.remove(newest.keySet().iterator().next());
        }
    }

    /**
     * The articles enriched since {@code since}, other than {@code excludedId}, newest first.
     *
     * @throws dev.newsflow.enrichment.delivery.StoreUnavailableException if they must be loaded and MongoDB is
     *         unavailable
     */
    public List<ArticleSummary> candidates(String excludedId, Instant since) {
        loadOnce();
        List<ArticleSummary> candidates;
        synchronized (this) {
            candidates = new ArrayList<>(newest.values());
        }
        candidates.removeIf(candidate -> candidate.articleId().equals(excludedId) || candidate.enrichedAt().isBefore(since));
        candidates.sort(Comparator.comparing(ArticleSummary::enrichedAt).reversed());
        return candidates;
    }

    private void loadOnce() {
        synchronized (this) {
            if (loaded) {
                return;
            }
        }
        List<ArticleSummary> stored = store.recent(Instant.now(clock).minus(settings.window()), settings.candidates())
                .block();
        synchronized (this) {
            if (loaded) {
                return;
            }
            // Oldest first, so the newest are kept; anything the topic delivered meanwhile is at least as new.
            List<ArticleSummary> oldestFirst = new ArrayList<>(stored);
            java.util.Collections.reverse(oldestFirst);
            LinkedHashMap<String, ArticleSummary> merged = new LinkedHashMap<>();
            oldestFirst.forEach(article -> merged.put(article.articleId(), article));
            newest.forEach((id, article) -> {
                merged.remove(id);
                merged.put(id, article);
            });
            newest.clear();
            newest.putAll(merged);
            trimToCapacity();
            loaded = true;
            log.info("Loaded {} recent articles from MongoDB as related-post candidates", stored.size());
        }
    }
}
