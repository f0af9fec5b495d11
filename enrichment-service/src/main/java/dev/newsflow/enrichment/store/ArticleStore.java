package dev.newsflow.enrichment.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.delivery.Failures;
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
import reactor.util.retry.Retry;

/**
 * The {@code articles} collection, which this service owns: one document per article, written only if it is at
 * least as new as the stored one. publish-service reads it.
 */
@Component
public class ArticleStore {

    public static final String COLLECTION = "articles";
    private static final String RELATED_REVISION = "relatedRevision";

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
     * @return whether the article was created, replaced an older version, or was older than the stored one; fails with
     *         {@link dev.newsflow.enrichment.delivery.StoreUnavailableException} if MongoDB cannot be reached within {@code store-timeout}
     */
    public Mono<Written> save(ArticleEnriched article) {
        Document document = toDocument(article);
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.replaceOne(
                        Filters.and(Filters.eq("_id", article.articleId()), Filters.lte("version", article.version())),
                        document, new ReplaceOptions().upsert(true))))
                .map(result -> result.getUpsertedId() != null ? Written.CREATED : Written.REPLACED)
                // No stored version <= ours matched, so the upsert tried to insert an _id that exists: ours is older.
                .onErrorResume(MongoWriteException.class,
                        ex -> ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY ? Mono.just(Written.STALE) : Mono.error(ex))
                .transform(this::unavailableAfterTimeout);
    }

    /** What {@link #save} did. */
    public enum Written {
        /** Stored the article's first document. */
        CREATED,
        /** Replaced an older (or the same) version. */
        REPLACED,
        /** Nothing: a newer version is stored. */
        STALE
    }

    /** The stored article {@code articleId}, if any. */
    public Mono<ArticleEnriched> find(String articleId) {
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.find(Filters.eq("_id", articleId)).first()))
                .map(ArticleStore::toArticle)
                .transform(this::unavailableAfterTimeout);
    }

    /**
     * Replaces the categories of the stored article {@code articleId} at {@code version} after an editor's
     * correction.
     *
     * @return the article as stored now, or empty if it is no longer at {@code version} (a newer version arrived
     *         meanwhile and was categorized with the correction already)
     */
    public Mono<ArticleEnriched> correctCategories(String articleId, long version, List<CategoryAssignment> categories,
            Instant correctedAt) {
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", articleId), Filters.eq("version", version)),
                        Updates.combine(Updates.set("categories", categories.stream().map(ArticleStore::toDocument).toList()),
                                Updates.set("categoriesCorrectedAt", date(correctedAt))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))))
                .map(ArticleStore::toArticle)
                .transform(this::unavailableAfterTimeout);
    }

    /**
     * The stored articles published (or, without a publication time, enriched) since {@code since}, for rebuilding
     * the related-posts index. Fails with {@link dev.newsflow.enrichment.delivery.StoreUnavailableException} if
     * MongoDB does not answer for {@code store-timeout} between two articles.
     */
    public Flux<ArticleEnriched> publishedSince(Instant since) {
        Date from = Date.from(since);
        return Failures.unavailableAfter(timeout, mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection
                        .find(Filters.or(Filters.gte("publishedAt", from),
                                Filters.and(Filters.eq("publishedAt", null), Filters.gte("enrichedAt", from))))
                        .batchSize(1_000))
                .map(ArticleStore::toArticle));
    }

    /**
     * Puts {@code post} (a newer article) into the related posts of the stored article {@code articleId}, if it
     * is still at {@code version} and {@code post} ranks among its best {@code limit}.
     *
     * @return the article as stored now if {@code post} is among its related posts (also when an earlier attempt
     *         put it there), else empty
     */
    public Mono<ArticleEnriched> addRelatedPost(String articleId, long version, RelatedPost post, int limit) {
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.find(Filters.eq("_id", articleId)).first())
                        .filter(document -> document.get("version", Number.class).longValue() == version)
                        .flatMap(document -> {
                            ArticleEnriched stored = toArticle(document);
                            List<RelatedPost> posts = new ArrayList<>(stored.relatedPosts());
                            posts.removeIf(known -> known.articleId().equals(post.articleId()));
                            posts.add(post);
                            posts.sort(Comparator.comparingDouble(RelatedPost::score).reversed());
                            List<RelatedPost> kept = List.copyOf(posts.subList(0, Math.min(limit, posts.size())));
                            if (!kept.contains(post)) {
                                return Mono.<ArticleEnriched>empty();
                            }
                            if (kept.equals(stored.relatedPosts())) {
                                return Mono.just(stored);
                            }
                            // Guarded by the revision read, so that two concurrent updates never lose one another.
                            return Mono.from(collection.findOneAndUpdate(
                                            Filters.and(Filters.eq("_id", articleId), Filters.eq("version", version),
                                                    Filters.eq(RELATED_REVISION, document.get(RELATED_REVISION))),
                                            Updates.combine(Updates.set("relatedPosts", kept.stream().map(ArticleStore::toDocument).toList()),
                                                    Updates.inc(RELATED_REVISION, 1)),
                                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                                    .map(ArticleStore::toArticle)
                                    .switchIfEmpty(Mono.error(() -> new ConcurrentUpdateException(articleId)));
                        }))
                .retryWhen(Retry.max(3).filter(ConcurrentUpdateException.class::isInstance))
                .transform(this::unavailableAfterTimeout);
    }

    // Another writer changed the related posts between our read and our write.
    private static final class ConcurrentUpdateException extends RuntimeException {
        ConcurrentUpdateException(String articleId) {
            super("The related posts of article " + articleId + " changed while being updated", null, false, false);
        }
    }

    private <T> Mono<T> unavailableAfterTimeout(Mono<T> operation) {
        return Failures.unavailableAfter(timeout, operation);
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
                .append("enrichedAt", date(article.enrichedAt()))
                .append("categoriesCorrectedAt", date(article.categoriesCorrectedAt()))
                // An array rather than a sub-document: stems may contain dots, which field names should not.
                .append("keywordWeights", article.keywordWeights().entrySet().stream()
                        .map(entry -> new Document("term", entry.getKey()).append("weight", entry.getValue())).toList())
                .append("keyPhrases", article.keyPhrases())
                .append("duplicateOf", article.duplicateOf())
                .append("storyId", article.storyId());
    }

    private static ArticleEnriched toArticle(Document document) {
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, document.getString("_id"),
                document.get("version", Number.class).longValue(), document.getString("publisher"),
                document.getString("externalId"), document.getString("url"), document.getString("title"),
                document.getString("body"), document.getString("author"), document.getString("source"),
                instant(document.getDate("publishedAt")), document.getString("language"),
                document.getList("categories", Document.class, List.of()).stream()
                        .map(category -> new CategoryAssignment(category.getString("taxonomy"), category.getString("code"),
                                category.getString("label"), category.get("confidence", Number.class).doubleValue(),
                                CategoryAssignment.Origin.valueOf(category.getString("origin"))))
                        .toList(),
                document.getList("relatedPosts", Document.class, List.of()).stream()
                        .map(post -> new RelatedPost(post.getString("articleId"), post.getString("title"), post.getString("url"),
                                post.get("score", Number.class).doubleValue(), post.getList("reasons", String.class, List.of())))
                        .toList(),
                document.getList("keywords", String.class, List.of()), instant(document.getDate("submittedAt")),
                instant(document.getDate("enrichedAt")), document.getString("bodyHtml"),
                document.getList("photoCredits", String.class, List.of()), instant(document.getDate("categoriesCorrectedAt")), null,
                keywordWeights(document), document.getList("keyPhrases", String.class, List.of()),
                document.getString("duplicateOf"), document.getString("storyId"));
    }

    private static Map<String, Double> keywordWeights(Document document) {
        Map<String, Double> weights = new LinkedHashMap<>();
        document.getList("keywordWeights", Document.class, List.of())
                .forEach(entry -> weights.put(entry.getString("term"), entry.get("weight", Number.class).doubleValue()));
        return weights;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
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

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
