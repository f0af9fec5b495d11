package dev.newsflow.enrichment.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.newsflow.enrichment.delivery.Failures;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;
import dev.newsflow.store.ArticleDocument;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code articles} collection ({@link ArticleDocument}), which this service writes: one document per article,
 * written only if it is at least as new as the stored one. publish-service reads it.
 *
 * <p>Every method waits for MongoDB (the consumers calling it are imperative) and fails with
 * {@link dev.newsflow.enrichment.delivery.StoreUnavailableException} if MongoDB cannot be reached within
 * {@code store-timeout} ({@link StoreTimeouts}), so that the record is retried until it is back.
 */
@Component
public class ArticleStore {

    private static final int CONCURRENT_UPDATE_ATTEMPTS = 4;

    private final MongoCollection<Document> articles;

    ArticleStore(MongoTemplate mongo) {
        this.articles = mongo.getCollection(ArticleDocument.COLLECTION);
    }

    /**
     * Stores {@code article} unless a newer version is already stored. Writing the same version again replaces it
     * with identical content, so a replayed event leaves one document.
     *
     * @return whether the article was created, replaced an older version, or was older than the stored one
     */
    public Written save(ArticleEnriched article) {
        return Failures.whileStoreAvailable(() -> {
            try {
                UpdateResult result = articles.replaceOne(Filters.and(Filters.eq(ArticleDocument.ID, article.articleId()),
                                Filters.lte(ArticleDocument.VERSION, article.version())),
                        ArticleDocument.of(article), new ReplaceOptions().upsert(true));
                return result.getUpsertedId() != null ? Written.CREATED : Written.REPLACED;
            }
            catch (MongoWriteException ex) {
                // No stored version <= ours matched, so the upsert tried to insert an _id that exists: ours is older.
                if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return Written.STALE;
                }
                throw ex;
            }
        });
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
    public Optional<ArticleEnriched> find(String articleId) {
        return Failures.whileStoreAvailable(() -> Optional.ofNullable(
                articles.find(Filters.eq(ArticleDocument.ID, articleId)).first()).map(ArticleDocument::toArticle));
    }

    /**
     * Replaces the categories of the stored article {@code articleId} at {@code version} after an editor's
     * correction.
     *
     * @return the article as stored now, or empty if it is no longer at {@code version} (a newer version arrived
     *         meanwhile and was categorized with the correction already)
     */
    public Optional<ArticleEnriched> correctCategories(String articleId, long version, List<CategoryAssignment> categories,
            Instant correctedAt) {
        return Failures.whileStoreAvailable(() -> Optional.ofNullable(articles.findOneAndUpdate(
                        Filters.and(Filters.eq(ArticleDocument.ID, articleId), Filters.eq(ArticleDocument.VERSION, version)),
                        Updates.combine(Updates.set(ArticleDocument.CATEGORIES, ArticleDocument.categories(categories)),
                                Updates.set(ArticleDocument.CATEGORIES_CORRECTED_AT, Date.from(correctedAt))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(ArticleDocument::toArticle));
    }

    /**
     * The stored articles published (or, without a publication time, enriched) since {@code since}, for rebuilding
     * the related-posts index, read from a cursor as the stream is consumed; close the stream. Reading fails with
     * {@link dev.newsflow.enrichment.delivery.StoreUnavailableException} if MongoDB does not answer within
     * {@code store-timeout}.
     */
    public Stream<ArticleEnriched> publishedSince(Instant since) {
        Date from = Date.from(since);
        MongoCursor<Document> cursor = Failures.whileStoreAvailable(() -> articles
                .find(Filters.or(Filters.gte(ArticleDocument.PUBLISHED_AT, from), Filters.and(
                        Filters.eq(ArticleDocument.PUBLISHED_AT, null), Filters.gte(ArticleDocument.ENRICHED_AT, from))))
                .batchSize(1_000)
                .cursor());
        Iterator<Document> documents = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return Failures.whileStoreAvailable(cursor::hasNext);
            }

            @Override
            public Document next() {
                return Failures.whileStoreAvailable(cursor::next);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(documents, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(ArticleDocument::toArticle)
                .onClose(cursor::close);
    }

    /**
     * Puts {@code post} (a newer article) into the related posts of the stored article {@code articleId}, if it
     * is still at {@code version} and {@code post} ranks among its best {@code limit}.
     *
     * @return the article as stored now if {@code post} is among its related posts (also when an earlier attempt
     *         put it there), else empty
     */
    public Optional<ArticleEnriched> addRelatedPost(String articleId, long version, RelatedPost post, int limit) {
        return Failures.whileStoreAvailable(() -> {
            for (int attempt = 1; attempt <= CONCURRENT_UPDATE_ATTEMPTS; attempt++) {
                Document document = articles.find(Filters.eq(ArticleDocument.ID, articleId)).first();
                if (document == null || document.get(ArticleDocument.VERSION, Number.class).longValue() != version) {
                    return Optional.empty();
                }
                ArticleEnriched stored = ArticleDocument.toArticle(document);
                List<RelatedPost> posts = new ArrayList<>(stored.relatedPosts());
                posts.removeIf(known -> known.articleId().equals(post.articleId()));
                posts.add(post);
                posts.sort(Comparator.comparingDouble(RelatedPost::score).reversed());
                List<RelatedPost> kept = List.copyOf(posts.subList(0, Math.min(limit, posts.size())));
                if (!kept.contains(post)) {
                    return Optional.empty();
                }
                if (kept.equals(stored.relatedPosts())) {
                    return Optional.of(stored);
                }
                // Guarded by the revision read, so that two concurrent updates never lose one another.
                Document updated = articles.findOneAndUpdate(
                        Filters.and(Filters.eq(ArticleDocument.ID, articleId), Filters.eq(ArticleDocument.VERSION, version),
                                Filters.eq(ArticleDocument.RELATED_REVISION, document.get(ArticleDocument.RELATED_REVISION))),
                        Updates.combine(Updates.set(ArticleDocument.RELATED_POSTS, ArticleDocument.relatedPosts(kept)),
                                Updates.inc(ArticleDocument.RELATED_REVISION, 1)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                if (updated != null) {
                    return Optional.of(ArticleDocument.toArticle(updated));
                }
            }
            throw new IllegalStateException("The related posts of article " + articleId + " kept changing while being updated");
        });
    }
}
