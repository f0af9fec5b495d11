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
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * The {@code enrichArticle} binding: categories, keywords and related posts for each submitted article, stored
 * in MongoDB, then published as an enriched event. An event older than the stored version is dropped.
 *
 * <p>The function reads the record's bytes itself, through the contract's codec, so that a record that is not a
 * valid event fails with {@link InvalidEventException} and goes to the dead-letter topic without retries
 * ({@link dev.newsflow.enrichment.delivery.RecordErrorHandling}). The offset is committed only after the function
 * returned, that is after the MongoDB write and the enriched event's acknowledged send.
 */
@Component("enrichArticle")
class ArticleEnricher implements Function<Message<byte[]>, Message<ArticleEnriched>> {

    private static final Logger log = LoggerFactory.getLogger(ArticleEnricher.class);
    static final String OUTPUT = "enrichArticle-out-0";

    private final ArticleText text;
    private final ArticleCategorizer categorizer;
    private final RelatedPosts relatedPosts;
    private final ArticleStore store;
    private final StreamBridge output;
    private final EnrichmentProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Counter enrichedCount;
    private final Counter staleCount;
    private final Timer duration;
    private final Timer latency;

    ArticleEnricher(ArticleText text, ArticleCategorizer categorizer, RelatedPosts relatedPosts, ArticleStore store,
            StreamBridge output, EnrichmentProperties properties, MeterRegistry meters) {
        this.text = text;
        this.output = output;
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
        long started = System.nanoTime();
        AnalysedText analysed = text.analyse(article.title(), article.body());
        ArticleCategorizer.Categorization categorization = categorizer.categorize(article.articleId(), article.publisher(),
                new ArticleCategorizer.Text(article.title(), article.body(), analysed.stemFrequencies()), article.categories());
        List<CategoryAssignment> categories = categorization.categories();
        RelatedPosts.Relation relation = relatedPosts.relate(article.articleId(), article.title(), article.body(), article.url(),
                RelatedPosts.timeOf(article.publishedAt(), article.submittedAt(), now), categories, analysed);
        ArticleEnriched enriched = enriched(article, categories, relation, now,
                categorization.corrected() ? store.find(article.articleId()).map(ArticleEnriched::categoriesCorrectedAt).orElse(null) : null);

        ArticleStore.Written written = store.save(enriched);
        duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (written == ArticleStore.Written.STALE) {
            staleCount.increment();
            log.info("Skipped article {} version {}: a newer version is stored", article.articleId(), article.version());
            return null;
        }
        categorizer.learn(article.articleId(), article.version(), categorization);
        relatedPosts.remember(enriched, analysed, relation.signature());
        relation.relations().reverse().forEach(link -> addToRelatedPostsOf(link, now));
        enrichedCount.increment();
        if (article.submittedAt() != null) {
            latency.record(Duration.between(article.submittedAt(), Instant.now(clock)));
        }
        log.info("Enriched article {} version {}: {} categories, {} related posts, story {}{}", article.articleId(),
                article.version(), categories.size(), enriched.relatedPosts().size(), enriched.storyId(),
                enriched.duplicateOf() == null ? "" : ", copy of " + enriched.duplicateOf());
        return MessageBuilder.withPayload(enriched.withChange(written == ArticleStore.Written.CREATED
                        ? ArticleEnriched.Change.CREATED : ArticleEnriched.Change.NEW_VERSION))
                .copyHeaders(EventHeaders.cloudEvent(EventType.ARTICLE_ENRICHED, properties.source(), article.articleId(), now))
                .setHeader(KafkaHeaders.KEY, article.articleId())
                .build();
    }

    // Keeps an older article's related posts fresh: the new article enters them, and the stored article goes out again.
    private void addToRelatedPostsOf(RelatedPostFinder.ReverseLink link, Instant now) {
        ArticleEnriched updated = store.addRelatedPost(link.articleId(), link.version(), link.post(),
                properties.related().limit()).orElse(null);
        if (updated == null) {
            return;
        }
        output.send(OUTPUT, MessageBuilder.withPayload(updated.withChange(ArticleEnriched.Change.RELATED_POSTS_UPDATED))
                .copyHeaders(EventHeaders.cloudEvent(EventType.ARTICLE_ENRICHED, properties.source(), updated.articleId(), now))
                .setHeader(KafkaHeaders.KEY, updated.articleId())
                .build());
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
        if (article.title() == null || article.title().isBlank()) {
            problems.add("title is required");
        }
        if (article.body() == null) {
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
                relation.keywords().phrases(), relations.duplicateOf(), relations.storyId());
    }
}
