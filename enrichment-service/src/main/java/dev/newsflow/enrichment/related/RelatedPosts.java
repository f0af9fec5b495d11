package dev.newsflow.enrichment.related;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.enrichment.text.AnalysedText;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Related posts, keywords, copies and stories for enrichment, over this instance's {@link RelatedIndex}.
 *
 * <p>The index is rebuilt from MongoDB (the source of truth) on first use, then kept current from this instance's
 * own writes and from the enriched-articles topic, which every instance reads whole in its own anonymous group (the
 * {@code rememberEnriched} binding), so every instance sees every article. Articles that leave the window are
 * pruned every {@code prune-every}.
 */
@Component("rememberEnriched")
public class RelatedPosts implements Consumer<ArticleEnriched>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RelatedPosts.class);

    private final ArticleText text;
    private final ArticleStore store;
    private final EnrichmentProperties.Related settings;
    private final RelatedIndex index;
    private final RelatedPostFinder finder;
    private final ContentSignature signatures = new ContentSignature();
    private final ArticleNames names;
    private final Clock clock = Clock.systemUTC();
    private final Object rebuildLock = new Object();
    private volatile boolean rebuilt;
    private volatile Instant lastPruned = Instant.EPOCH;
    // Articles this instance indexed itself and has not yet seen come back from the topic (bounded).
    private final Map<String, Long> ownWrites = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    });

    RelatedPosts(ArticleText text, ArticleStore store, EnrichmentProperties properties) {
        this.text = text;
        this.names = new ArticleNames(text);
        this.store = store;
        this.settings = properties.related();
        String directory = settings.indexDirectory();
        this.index = new RelatedIndex(directory == null || directory.isBlank() ? null : Path.of(directory));
        this.finder = new RelatedPostFinder(index, finderSettings(settings));
    }

    /** The finder's settings from the service's. */
    public static RelatedPostFinder.Settings finderSettings(EnrichmentProperties.Related settings) {
        return new RelatedPostFinder.Settings(settings.limit(), settings.window(), settings.depth(), settings.minSimilarity(),
                settings.duplicateSimilarity(), settings.storySimilarity(), settings.storyWindow(), settings.recencyHalfLife(),
                settings.reverseUpdates(), settings.reverseMinScore());
    }

    /**
     * Keywords, key phrases, copy, story and related posts of an article about to be stored.
     *
     * @throws dev.newsflow.enrichment.delivery.StoreUnavailableException if the index must be rebuilt and MongoDB
     *         is unavailable
     */
    public Relation relate(String articleId, String title, String body, String url, Instant time,
            List<CategoryAssignment> categories, AnalysedText analysed) {
        rebuildOnce();
        ArticleKeywords keywords = ArticleKeywords.of(analysed, index.frequencies(), settings.keywords(), settings.keyPhrases());
        MinHashSignature signature = signatures.of(body);
        RelatedPostFinder.Relations relations = finder.relate(new RelatedPostFinder.Article(articleId, title, url, time,
                codes(categories), labels(categories), analysed.stemFrequencies(), names.of(body), signature, analysed.surfaces()));
        return new Relation(keywords, signature, relations);
    }

    /**
     * @param signature the body's MinHash signature, kept to index the article without analysing it again
     */
    public record Relation(ArticleKeywords keywords, MinHashSignature signature, RelatedPostFinder.Relations relations) {
    }

    /** Indexes {@code article} as just stored by this instance. */
    public void remember(ArticleEnriched article, AnalysedText analysed, MinHashSignature signature) {
        index.put(indexed(article, analysed.stemFrequencies(), signature));
        ownWrites.put(article.articleId(), article.version());
        pruneWhenDue();
    }

    /**
     * Takes article {@code articleId} out of the index (withdrawn): it is no longer anybody's related post or
     * original from now on. Returns whether it was indexed.
     */
    public boolean remove(String articleId) {
        rebuildOnce();
        boolean removed = index.remove(articleId);
        if (removed) {
            log.info("Removed article {} from the related-posts index", articleId);
        }
        return removed;
    }

    /** An enriched article from the topic, written by any instance: indexed unless this instance has it already. */
    @Override
    public void accept(ArticleEnriched article) {
        rebuildOnce();
        if (article.change() == ArticleEnriched.Change.RELATED_POSTS_UPDATED) {
            return;
        }
        if (article.change() == ArticleEnriched.Change.WITHDRAWN) {
            remove(article.articleId());
            return;
        }
        // This instance's own writes come back from the topic: known without asking the index.
        Long own = ownWrites.remove(article.articleId());
        if (own != null && own == article.version() && article.change() != ArticleEnriched.Change.CATEGORIES_CORRECTED) {
            return;
        }
        Optional<Long> indexed = index.versionOf(article.articleId());
        boolean current = indexed.isPresent() && indexed.get() == article.version();
        if (current && article.change() != ArticleEnriched.Change.CATEGORIES_CORRECTED) {
            return;
        }
        if (indexed.isPresent() && indexed.get() > article.version()) {
            return;
        }
        index.put(indexed(article, text.termFrequencies(article.title(), article.body()), signatures.of(article.body())));
        pruneWhenDue();
    }

    /** When an article counts as happening, for windows and stories: published, else submitted, else enriched. */
    public static Instant timeOf(Instant publishedAt, Instant submittedAt, Instant enrichedAt) {
        return publishedAt != null ? publishedAt : submittedAt != null ? submittedAt : enrichedAt;
    }

    // Only the stems are needed to index an article: articles analysed here for that alone (rebuild, other instances'
    // writes) go through ArticleText.termFrequencies, the same stems without the key-phrase work of analyse (about
    // half of a rebuild's analysis).
    private IndexedArticle indexed(ArticleEnriched article, Map<String, Integer> stems, MinHashSignature signature) {
        Instant time = timeOf(article.publishedAt(), article.submittedAt(), article.enrichedAt());
        return new IndexedArticle(article.articleId(), article.version(), article.title(), article.url(),
                time == null ? Instant.now(clock) : time, codes(article.categories()), labels(article.categories()),
                TermVector.of(stems, names.of(article.body())), stems, signature,
                article.storyId() == null ? article.articleId() : article.storyId(), article.duplicateOf());
    }

    private void rebuildOnce() {
        if (rebuilt) {
            return;
        }
        synchronized (rebuildLock) {
            if (rebuilt) {
                return;
            }
            long started = System.nanoTime();
            index.clear();
            Instant since = Instant.now(clock).minus(settings.window());
            // Analysis is the work: it runs on every core; Lucene's writer takes documents from all of them.
            LongAdder count = new LongAdder();
            try (Stream<ArticleEnriched> articles = store.publishedSince(since)) {
                articles.parallel()
                        .map(article -> indexed(article, text.termFrequencies(article.title(), article.body()),
                                signatures.of(article.body())))
                        .forEach(article -> {
                            index.add(article);
                            count.increment();
                        });
            }
            rebuilt = true;
            lastPruned = Instant.now(clock);
            log.info("Rebuilt the related-posts index from MongoDB: {} articles in {} ms", count,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void pruneWhenDue() {
        Instant now = Instant.now(clock);
        if (lastPruned.plus(settings.pruneEvery()).isAfter(now)) {
            return;
        }
        lastPruned = now;
        int removed = index.deleteOlderThan(now.minus(settings.window()));
        log.info("Pruned {} articles older than {} from the related-posts index", removed, settings.window());
    }

    private static List<String> codes(List<CategoryAssignment> categories) {
        return categories.stream().map(CategoryAssignment::code).toList();
    }

    private static List<String> labels(List<CategoryAssignment> categories) {
        return categories.stream().map(CategoryAssignment::label).toList();
    }

    @Override
    public void destroy() {
        index.close();
    }
}
