package dev.newsflow.enrichment.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.delivery.Failures;
import dev.newsflow.enrichment.delivery.StoreUnavailableException;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code articles} collection, which this service owns: one document per article, written only if it is at
 * least as new as the stored one. publish-service reads it.
 */
@Component
public class ArticleStore {

    public static final String COLLECTION = "articles";

    private final ReactiveMongoTemplate mongo;
    private final Duration timeout;

    ArticleStore(ReactiveMongoTemplate mongo, EnrichmentProperties properties) {
        this.mongo = mongo;
        this.timeout = properties.storeTimeout();
    }

    @EventListener(ApplicationStartedEvent.class)
    void createIndexes() {
        Flux.concat(
                        mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.createIndex(Indexes.descending("enrichedAt"),
                                new IndexOptions().name("enrichedAt")))),
                        mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.createIndex(
                                Indexes.compoundIndex(Indexes.descending("publishedAt"), Indexes.descending("_id")),
                                new IndexOptions().name("publishedAt_id")))))
                .blockLast();
    }

    /**
     * Stores {@code article} unless a newer version is already stored. Writing the same version again replaces it
     * with identical content, so a replayed event leaves one document.
     *
     * @return {@code true} if written, {@code false} if a newer version was already stored; fails with
     *         {@link StoreUnavailableException} if MongoDB cannot be reached within {@code store-timeout}
     */
    public Mono<Boolean> save(ArticleEnriched article) {
        Document document = toDocument(article);
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.replaceOne(
                        Filters.and(Filters.eq("_id", article.articleId()), Filters.lte("version", article.version())),
                        document, new ReplaceOptions().upsert(true))))
                .thenReturn(true)
                // No stored version <= ours matched, so the upsert tried to insert an _id that exists: ours is older.
                .onErrorResume(MongoWriteException.class,
                        ex -> ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY ? Mono.just(false) : Mono.error(ex))
                .transform(this::unavailableAfterTimeout);
    }

    /** The newest articles enriched since {@code since}, newest first. */
    public Mono<List<ArticleSummary>> recent(Instant since, int limit) {
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection
                        .find(Filters.gte("enrichedAt", Date.from(since)))
                        .projection(Projections.include("title", "url", "keywords", "categories", "enrichedAt"))
                        .sort(Sorts.descending("enrichedAt"))
                        .limit(limit))
                .map(ArticleStore::toSummary)
                .collectList()
                .transform(this::unavailableAfterTimeout);
    }

    private <T> Mono<T> unavailableAfterTimeout(Mono<T> operation) {
        return operation.timeout(timeout)
                .onErrorMap(ex -> ex instanceof TimeoutException || Failures.isTransientMongo(ex),
                        ex -> new StoreUnavailableException("MongoDB unavailable: " + ex.getMessage(), ex));
    }

    private static Document toDocument(ArticleEnriched article) {
        return new Document("_id", article.articleId())
                .append("version", article.version())
                .append("publisher", article.publisher())
                .append("externalId", article.externalId())
                .append("url", article.url())
                .append("title", article.title())
                .append("body", article.body())
                .append("author", article.author())
                .append("source", article.source())
                .append("publishedAt", date(article.publishedAt()))
                .append("language", article.language())
                .append("categories", article.categories().stream().map(ArticleStore::toDocument).toList())
                .append("relatedPosts", article.relatedPosts().stream().map(ArticleStore::toDocument).toList())
                .append("keywords", article.keywords())
                .append("bodyHtml", article.bodyHtml())
                .append("photoCredits", article.photoCredits())
                .append("submittedAt", date(article.submittedAt()))
                .append("enrichedAt", date(article.enrichedAt()));
    }

    private static Document toDocument(CategoryAssignment category) {
        return new Document("taxonomy", category.taxonomy())
                .append("code", category.code())
                .append("label", category.label())
                .append("confidence", category.confidence())
                .append("origin", category.origin().name());
    }

    private static Document toDocument(RelatedPost post) {
        return new Document("articleId", post.articleId())
                .append("title", post.title())
                .append("url", post.url())
                .append("score", post.score())
                .append("reasons", post.reasons());
    }

    private static ArticleSummary toSummary(Document document) {
        List<Document> categories = document.getList("categories", Document.class, List.of());
        return new ArticleSummary(document.getString("_id"), document.getString("title"), document.getString("url"),
                document.getList("keywords", String.class, List.of()),
                categories.stream().map(category -> category.getString("code")).toList(),
                categories.stream().map(category -> category.getString("label")).toList(),
                document.getDate("enrichedAt").toInstant());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
