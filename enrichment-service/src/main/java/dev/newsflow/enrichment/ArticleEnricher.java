package dev.newsflow.enrichment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.newsflow.enrichment.categories.ArticleCategorizer;
import dev.newsflow.enrichment.delivery.IncomingEvent;
import dev.newsflow.enrichment.delivery.InvalidEventException;
import dev.newsflow.enrichment.related.RelatedPostFinder;
import dev.newsflow.enrichment.related.RelatedPosts;
import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.enrichment.text.AnalysedText;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code enrichArticle} binding: categories, keywords and related posts for each submitted article, stored
 * in MongoDB, then published as an enriched event. An event older than the stored version is dropped, one for
 * another publisher's article is refused (dead-lettered), a withdrawal goes to {@link ArticleWithdrawals}, and an
 * article under embargo is stored but announced only when the embargo ends ({@link #release}, by
 * {@link EmbargoRelease}).
 *
 * <p>The function reads the record's bytes itself, through the contract's codec, so that a record that is not a
 * valid event fails with {@link InvalidEventException} and goes to the dead-letter topic without retries
 * ({@link dev.newsflow.enrichment.delivery.RecordErrorHandling}). The offset is committed only after the function
 * returned, that is after the MongoDB write and the enriched event's acknowledged send.
 */
@Component("enrichArticle")
class ArticleEnricher implements Function<Message<byte[]>, Message<ArticleEnriched>> {

    private static final Logger log = LoggerFactory.getLogger(ArticleEnricher.class);

    private final ArticleText text;
    private final ArticleCategorizer categorizer;
    private final RelatedPosts relatedPosts;
    private final ArticleStore store;
    private final EnrichedEvents events;
    private final ArticleWithdrawals withdrawals;
    private final EnrichmentProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Counter enrichedCount;
    private final Counter staleCount;
    private final Timer duration;
    private final Timer latency;

    ArticleEnricher(ArticleText text, ArticleCategorizer categorizer, RelatedPosts relatedPosts, ArticleStore store,
            EnrichedEvents events, ArticleWithdrawals withdrawals, EnrichmentProperties properties, MeterRegistry meters) {
        this.text = text;
        this.events = events;
        this.withdrawals = withdrawals;
        this.categorizer = categorizer;
        this.relatedPosts = relatedPosts;
        this.store = store;
        this.properties = properties;
        this.enrichedCount = enrichedCounter(meters, "enriched");
        this.staleCount = enrichedCounter(meters, "stale");
        this.duration = Timer.builder("newsflow.enrichment.duration")
                .description("Time to enrich and store one article").publishPercentileHistogram().register(meters);
        this.latency = Timer.builder("newsflow.enrichment.latency")
                .description("Time from ingest-service accepting an article to its enriched version being stored")
                .publishPercentileHistogram().register(meters);
    }

    private static Counter enrichedCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("newsflow.articles.enriched")
                .description("Submitted articles processed: enriched, or dropped as older than the stored version")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public Message<ArticleEnriched> apply(Message<byte[]> message) {
        ArticleSubmitted article = decode(message);
        Instant now = Instant.now(clock);
        if (article.withdrawn()) {
            return withdrawals.withdraw(article, now);
        }
        long started = System.nanoTime();
        AnalysedText analysed = text.analyse(article.title(), article.body());
        ArticleCategorizer.Categorization categorization = categorizer.categorize(article.articleId(), article.publisher(),
                new ArticleCategorizer.Text(article.title(), article.body(), analysed.stemFrequencies()), article.categories());
        List<CategoryAssignment> categories = categorization.categories();
        RelatedPosts.Relation relation = relatedPosts.relate(article.articleId(), article.title(), article.body(), article.url(),
                RelatedPosts.timeOf(article.publishedAt(), article.submittedAt(), now), categories, analysed);
        ArticleEnriched enriched = enriched(article, categories, relation, now,
                categorization.corrected() ? store.find(article.articleId()).map(ArticleEnriched::categoriesCorrectedAt).orElse(null) : null);

        ArticleStore.Written written = store.save(enriched, now);
        duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (written == ArticleStore.Written.STALE) {
            staleCount.increment();
            log.info("Skipped article {} version {}: a newer version is stored", article.articleId(), article.version());
            return null;
        }
        if (written == ArticleStore.Written.FOREIGN) {
            throw new InvalidEventException("Article " + article.articleId() + " is another publisher's than " + article.publisher());
        }
        categorizer.learn(article.articleId(), article.version(), categorization);
        enrichedCount.increment();
        if (article.submittedAt() != null) {
            latency.record(Duration.between(article.submittedAt(), Instant.now(clock)));
        }
        if (enriched.embargoedUntil() != null && enriched.embargoedUntil().isAfter(now)) {
            // Readers, related posts and the topic see nothing of it until then (EmbargoRelease).
            log.info("Enriched article {} version {}: held under embargo until {}", article.articleId(), article.version(),
                    enriched.embargoedUntil());
            return null;
        }
        log.info("Enriched article {} version {}: {} categories, {} related posts, story {}{}", article.articleId(),
                article.version(), categories.size(), enriched.relatedPosts().size(), enriched.storyId(),
                enriched.duplicateOf() == null ? "" : ", copy of " + enriched.duplicateOf());
        return announce(enriched.withChange(written == ArticleStore.Written.CREATED
                ? ArticleEnriched.Change.CREATED : ArticleEnriched.Change.NEW_VERSION), analysed, relation, now);
    }

    /**
     * Announces the article of {@code claim}, held under an embargo that is now over, unless a newer version or a
     * withdrawal replaced it meanwhile (or another instance took the claim over): it is related again (articles
     * stored during the embargo count), stored as announced, published as {@link ArticleEnriched.Change#CREATED}
     * (or {@link ArticleEnriched.Change#NEW_VERSION} if it updates a version readers saw until now). It stays on the
     * schedule: the caller takes it off ({@link ArticleStore#released}) once this returned true, so that a failed
     * send leaves it due (see {@link EmbargoRelease}).
     *
     * @return whether this call sent its event (false: nothing was sent, the claim no longer held)
     */
    boolean release(ArticleStore.ReleaseClaim claim) {
        ArticleEnriched held = claim.article();
        Instant now = Instant.now(clock);
        AnalysedText analysed = text.analyse(held.title(), held.body());
        RelatedPosts.Relation relation = relatedPosts.relate(held.articleId(), held.title(), held.body(), held.url(),
                RelatedPosts.timeOf(held.publishedAt(), held.submittedAt(), now), held.categories(), analysed);
        RelatedPostFinder.Relations relations = relation.relations();
        ArticleEnriched released = new ArticleEnriched(held.schemaVersion(), held.articleId(), held.version(), held.publisher(),
                held.externalId(), held.url(), held.title(), held.body(), held.author(), held.source(), held.publishedAt(),
                held.language(), held.categories(), relations.relatedPosts(), relation.keywords().terms(), held.submittedAt(),
                held.enrichedAt(), held.bodyHtml(), held.photoCredits(), held.categoriesCorrectedAt(),
                claim.update() ? ArticleEnriched.Change.NEW_VERSION : ArticleEnriched.Change.CREATED,
                relation.keywords().weights(), relation.keywords().phrases(), relations.duplicateOf(), relations.storyId(),
                false, held.embargoedUntil());
        if (!store.saveRelease(released, claim)) {
            return false;
        }
        events.send(announce(released, analysed, relation, now).getPayload(), now);
        log.info("Released article {} version {}: its embargo ended at {}", held.articleId(), held.version(), held.embargoedUntil());
        return true;
    }

    // The article joins this instance's index and older articles' related posts; its event is for the topic.
    private Message<ArticleEnriched> announce(ArticleEnriched event, AnalysedText analysed, RelatedPosts.Relation relation,
            Instant now) {
        relatedPosts.remember(event, analysed, relation.signature());
        relation.relations().reverse().forEach(link -> addToRelatedPostsOf(link, now));
        return events.message(event, now);
    }

    // Keeps an older article's related posts fresh: the new article enters them, and the stored article goes out again.
    private void addToRelatedPostsOf(RelatedPostFinder.ReverseLink link, Instant now) {
        ArticleEnriched updated = store.addRelatedPost(link.articleId(), link.version(), link.post(),
                properties.related().limit()).orElse(null);
        if (updated == null) {
            return;
        }
        events.send(updated.withChange(ArticleEnriched.Change.RELATED_POSTS_UPDATED), now);
        log.info("Added article {} to the related posts of article {}", link.post().articleId(), link.articleId());
    }

    /**
     * The submitted article in {@code message}, checked against the contract.
     *
     * @throws InvalidEventException if it is not a submitted-article event this service can process
     */
    static ArticleSubmitted decode(Message<byte[]> message) {
        ArticleSubmitted article = IncomingEvent.read(message, EventType.ARTICLE_SUBMITTED, ArticleSubmitted.class);
        List<String> problems = new ArrayList<>();
        if (article.schemaVersion() < 1 || article.schemaVersion() > ArticleSubmitted.SCHEMA_VERSION) {
            problems.add("schemaVersion " + article.schemaVersion() + " is not supported (1.." + ArticleSubmitted.SCHEMA_VERSION + ")");
        }
        if (article.articleId() == null || article.articleId().isBlank()) {
            problems.add("articleId is required");
        }
        if (article.version() <= 0) {
            problems.add("version must be positive");
        }
        // A withdrawal needs only what identifies the article.
        if (!article.withdrawn() && (article.title() == null || article.title().isBlank())) {
            problems.add("title is required");
        }
        if (!article.withdrawn() && article.body() == null) {
            problems.add("body is required");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("Not a valid ArticleSubmitted event: " + String.join("; ", problems));
        }
        return article;
    }

    private static ArticleEnriched enriched(ArticleSubmitted article, List<CategoryAssignment> categories,
            RelatedPosts.Relation relation, Instant now, Instant categoriesCorrectedAt) {
        RelatedPostFinder.Relations relations = relation.relations();
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, article.articleId(), article.version(),
                article.publisher(), article.externalId(), article.url(), article.title(), article.body(),
                article.author(), article.source(), article.publishedAt(), article.language(), categories,
                relations.relatedPosts(), relation.keywords().terms(), article.submittedAt(), now, article.bodyHtml(),
                article.photoCredits(), categoriesCorrectedAt, null, relation.keywords().weights(),
                relation.keywords().phrases(), relations.duplicateOf(), relations.storyId(), false, article.embargoedUntil());
    }
}
