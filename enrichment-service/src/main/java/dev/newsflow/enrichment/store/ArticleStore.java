package dev.newsflow.enrichment.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.newsflow.enrichment.delivery.Failures;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;
import dev.newsflow.store.ArticleDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code articles} collection ({@link ArticleDocument}), which this service writes: one document per article,
 * written only if it is at least as new as the stored one and by the article's own publisher. publish-service reads
 * it.
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
     * Stores {@code article} unless a newer version is already stored or the id is another publisher's article.
     * Writing the same version again replaces it with identical content, so a replayed event leaves one document. An
     * article under an embargo that lasts beyond {@code now} is stored due to be announced at its end
     * ({@link ArticleDocument#RELEASE_DUE}, see {@link #claimDueRelease}); if it updates an article readers see, it
     * waits beside the version they see ({@link ArticleDocument#EMBARGOED_UPDATE}), which stays theirs until then.
     *
     * @return what was written
     */
    public Written save(ArticleEnriched article, Instant now) {
        Document document = ArticleDocument.of(article);
        boolean embargoed = article.embargoedUntil() != null && article.embargoedUntil().isAfter(now);
        if (embargoed) {
            document.append(ArticleDocument.RELEASE_DUE, Date.from(article.embargoedUntil()));
        }
        return Failures.whileStoreAvailable(() -> {
            if (embargoed && holdBesideShownVersion(article, document)) {
                return Written.REPLACED;
            }
            try {
                Document before = articles.findOneAndReplace(ownVersionAtMost(article.articleId(), article.publisher(),
                                article.version()), document, new FindOneAndReplaceOptions().upsert(true)
                        .returnDocument(ReturnDocument.BEFORE).projection(Projections.include(ArticleDocument.WITHDRAWN,
                                ArticleDocument.RELEASE_DUE, ArticleDocument.EMBARGOED_UPDATE + "." + ArticleDocument.VERSION)));
                return before == null || !announced(before) ? Written.CREATED : Written.REPLACED;
            }
            catch (MongoServerException ex) {
                return refused(ex, article.articleId(), article.publisher());
            }
        });
    }

    // An embargoed update of a version readers see, held beside that version (replacing an older held update).
    private boolean holdBesideShownVersion(ArticleEnriched article, Document document) {
        return articles.updateOne(Filters.and(ownVersionAtMost(article.articleId(), article.publisher(), article.version()),
                        Filters.lt(ArticleDocument.VERSION, article.version()), shown()),
                Updates.combine(Updates.set(ArticleDocument.EMBARGOED_UPDATE, heldUpdate(document)),
                        Updates.set(ArticleDocument.RELEASE_DUE, document.get(ArticleDocument.RELEASE_DUE)),
                        Updates.unset(ArticleDocument.RELEASE_ATTEMPTS), Updates.unset(ArticleDocument.RELEASE_FAILED))).getMatchedCount() > 0;
    }

    // The document of an update as it waits for its embargo: neither searched nor scheduled itself.
    private static Document heldUpdate(Document document) {
        Document update = new Document(document);
        update.remove(ArticleDocument.WORDS);
        update.remove(ArticleDocument.RELEASE_DUE);
        return update;
    }

    /** What {@link #save} or {@link #withdraw} did. */
    public enum Written {
        /**
         * Stored the first version readers see: the article's first document, or one replacing a version they never
         * saw (withdrawn, or under embargo and not yet announced).
         */
        CREATED,
        /** Replaced an older (or the same) version. */
        REPLACED,
        /** Nothing: a newer version is stored. */
        STALE,
        /** Nothing: the id is another publisher's article, which no event of this publisher may change. */
        FOREIGN
    }

    /**
     * Withdraws the article {@code articleId} of {@code publisher} as {@code version}, unless a newer version is
     * stored or the id is another publisher's article. The document keeps its content (the record of what was
     * withdrawn) but readers no longer see it; an article never stored is recorded as withdrawn, so that an older
     * version arriving later cannot bring it back. An embargoed article withdrawn before its embargo ended is never
     * announced.
     *
     * @param identity what identifies the article in the withdrawal (stored only if the article was not)
     * @return the outcome, with the article as readers last saw it if they saw it (only then is the withdrawal
     *         announced: an article never shown is withdrawn silently)
     */
    public Withdrawal withdraw(ArticleEnriched identity, long version, Instant at) {
        return Failures.whileStoreAvailable(() -> {
            try {
                Document before = articles.findOneAndUpdate(ownVersionAtMost(identity.articleId(), identity.publisher(), version),
                        Updates.combine(Updates.set(ArticleDocument.VERSION, version), Updates.set(ArticleDocument.WITHDRAWN, true),
                                Updates.unset(ArticleDocument.RELEASE_DUE), Updates.unset(ArticleDocument.EMBARGOED_UPDATE),
                                Updates.setOnInsert(ArticleDocument.EXTERNAL_ID, identity.externalId()),
                                Updates.setOnInsert(ArticleDocument.URL, identity.url()),
                                Updates.setOnInsert(ArticleDocument.TITLE, identity.title()),
                                Updates.setOnInsert(ArticleDocument.ENRICHED_AT, Date.from(at))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
                boolean shown = before != null && (announced(before) || before.getBoolean(ArticleDocument.WITHDRAWN, false));
                return new Withdrawal(before == null ? Written.CREATED : Written.REPLACED,
                        shown ? Optional.of(ArticleDocument.toArticle(before)) : Optional.empty());
            }
            catch (MongoServerException ex) {
                return new Withdrawal(refused(ex, identity.articleId(), identity.publisher()), Optional.empty());
            }
        });
    }

    /**
     * What {@link #withdraw} did.
     *
     * @param written {@link Written#STALE} or {@link Written#FOREIGN} if nothing was withdrawn
     * @param shown the article as readers last saw it (or as withdrawn before, for a replayed withdrawal), if it was
     *              ever announced
     */
    public record Withdrawal(Written written, Optional<ArticleEnriched> shown) {
    }

    /**
     * Takes {@code withdrawnId} out of every stored article's related posts, one article at a time. Each changed
     * article that readers may see goes to {@code announce} as it is about to be stored, before it is: if announcing
     * fails, that article and those after it still list the post, and the same call again (the withdrawal's record
     * retried) takes it out and announces them.
     *
     * @return how many articles were changed
     */
    public int removeRelatedPost(String withdrawnId, Instant now, Consumer<ArticleEnriched> announce) {
        Bson listing = Filters.eq(ArticleDocument.RELATED_POSTS + "." + ArticleDocument.RELATED_ARTICLE_ID, withdrawnId);
        return Failures.whileStoreAvailable(() -> {
            int changed = 0;
            Document document;
            while ((document = articles.find(listing).first()) != null) {
                Object revision = document.get(ArticleDocument.RELATED_REVISION);
                if (announced(document) && !embargoedAfter(document, now)) {
                    List<Document> kept = document.getList(ArticleDocument.RELATED_POSTS, Document.class).stream()
                            .filter(post -> !withdrawnId.equals(post.getString(ArticleDocument.RELATED_ARTICLE_ID))).toList();
                    announce.accept(ArticleDocument.toArticle(new Document(document).append(ArticleDocument.RELATED_POSTS, kept)));
                }
                // Guarded by the revision read: if the article changed meanwhile, it is read (and announced) again.
                UpdateResult result = articles.updateOne(Filters.and(Filters.eq(ArticleDocument.ID, document.get(ArticleDocument.ID)),
                                Filters.eq(ArticleDocument.RELATED_REVISION, revision), listing),
                        Updates.combine(Updates.pull(ArticleDocument.RELATED_POSTS,
                                        Filters.eq(ArticleDocument.RELATED_ARTICLE_ID, withdrawnId)),
                                Updates.inc(ArticleDocument.RELATED_REVISION, 1)));
                if (result.getMatchedCount() > 0 && result.getModifiedCount() == 0) {
                    // It would be found, and announced, again and again.
                    throw new IllegalStateException("Article " + document.get(ArticleDocument.ID) + " still lists withdrawn article "
                            + withdrawnId + " after taking it out");
                }
                changed += (int) result.getModifiedCount();
            }
            return changed;
        });
    }

    /**
     * Claims the embargoed article whose announcement is most overdue at {@code now}, if any: its
     * {@link ArticleDocument#RELEASE_DUE} moves {@code lease} ahead, so that other instances leave it alone while
     * this one announces it (and take it over after {@code lease} if this one fails to, or was stopped). The claim
     * lasts until {@link #released} or {@link #releaseLater}, so an announcement that fails is tried again.
     */
    public Optional<ReleaseClaim> claimDueRelease(Instant now, Duration lease) {
        Date until = Date.from(now.plus(lease));
        return Failures.whileStoreAvailable(() -> Optional.ofNullable(articles.findOneAndUpdate(
                        Filters.lte(ArticleDocument.RELEASE_DUE, Date.from(now)),
                        Updates.set(ArticleDocument.RELEASE_DUE, until),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending(ArticleDocument.RELEASE_DUE))
                                .returnDocument(ReturnDocument.AFTER)))
                .map(document -> {
                    Document update = document.get(ArticleDocument.EMBARGOED_UPDATE, Document.class);
                    return new ReleaseClaim(ArticleDocument.toArticle(update == null ? document : update), update != null,
                            until.toInstant(), document.getInteger(ArticleDocument.RELEASE_ATTEMPTS, 0));
                }));
    }

    /**
     * An embargoed article this instance claimed for announcing; {@code until} (the claim's
     * {@link ArticleDocument#RELEASE_DUE}) tells this claim from a later one of another instance.
     *
     * @param update whether it updates a version readers see (which they see until it is announced)
     * @param attempts how often announcing it failed before (other than for want of MongoDB or the broker)
     */
    public record ReleaseClaim(ArticleEnriched article, boolean update, Instant until, int attempts) {
    }

    /**
     * Stores {@code released}, the claimed article as it is to be announced, if the claim still holds (no newer
     * version, withdrawal or other instance replaced it). The claim stays until {@link #released}: should the
     * announcement fail, the article is announced again.
     *
     * @return whether it was stored
     */
    public boolean saveRelease(ArticleEnriched released, ReleaseClaim claim) {
        Document document = ArticleDocument.of(released).append(ArticleDocument.RELEASE_DUE, Date.from(claim.until()))
                .append(ArticleDocument.RELEASE_ATTEMPTS, claim.attempts());
        if (claim.update()) {
            // Still an update to announce if this attempt fails (and readers now see it).
            document.append(ArticleDocument.EMBARGOED_UPDATE, heldUpdate(document));
        }
        return Failures.whileStoreAvailable(() -> articles.findOneAndReplace(Filters.and(claimed(claim),
                Filters.eq(ArticleDocument.PUBLISHER, released.publisher())), document) != null);
    }

    /** Ends {@code claim}: its article was announced, and is off the schedule. */
    public void released(ReleaseClaim claim) {
        Failures.whileStoreAvailable(() -> articles.updateOne(claimed(claim),
                Updates.combine(Updates.unset(ArticleDocument.RELEASE_DUE), Updates.unset(ArticleDocument.EMBARGOED_UPDATE),
                        Updates.unset(ArticleDocument.RELEASE_ATTEMPTS))));
    }

    /**
     * Gives {@code claim} up: its article is due to be announced again at {@code due}, after {@code attempts} failed
     * attempts.
     */
    public void releaseLater(ReleaseClaim claim, Instant due, int attempts) {
        Failures.whileStoreAvailable(() -> articles.updateOne(claimed(claim), Updates.combine(
                Updates.set(ArticleDocument.RELEASE_DUE, Date.from(due)), Updates.set(ArticleDocument.RELEASE_ATTEMPTS, attempts))));
    }

    /** Takes the article of {@code claim} off the schedule unannounced: announcing it keeps failing. */
    public void releaseFailed(ReleaseClaim claim, int attempts, Instant at) {
        Failures.whileStoreAvailable(() -> articles.updateOne(claimed(claim), Updates.combine(Updates.unset(ArticleDocument.RELEASE_DUE),
                Updates.set(ArticleDocument.RELEASE_ATTEMPTS, attempts), Updates.set(ArticleDocument.RELEASE_FAILED, Date.from(at)))));
    }

    private static Bson claimed(ReleaseClaim claim) {
        return Filters.and(Filters.eq(ArticleDocument.ID, claim.article().articleId()),
                Filters.eq(ArticleDocument.RELEASE_DUE, Date.from(claim.until())));
    }

    // The article's own document at a version up to `version` (a held update's too): the only one an event of
    // `publisher` may write.
    private static Bson ownVersionAtMost(String articleId, String publisher, long version) {
        return Filters.and(Filters.eq(ArticleDocument.ID, articleId), Filters.lte(ArticleDocument.VERSION, version),
                Filters.eq(ArticleDocument.PUBLISHER, publisher), Filters.or(Filters.exists(ArticleDocument.EMBARGOED_UPDATE, false),
                        Filters.lte(ArticleDocument.EMBARGOED_UPDATE + "." + ArticleDocument.VERSION, version)));
    }

    // Readers have seen this version: neither withdrawn nor an embargoed one waiting to be announced (an embargoed
    // update waits beside a version they see).
    private static boolean announced(Document document) {
        return !document.getBoolean(ArticleDocument.WITHDRAWN, false) && (!document.containsKey(ArticleDocument.RELEASE_DUE)
                || document.containsKey(ArticleDocument.EMBARGOED_UPDATE));
    }

    // The query form of announced().
    private static Bson shown() {
        return Filters.and(Filters.ne(ArticleDocument.WITHDRAWN, true), Filters.or(Filters.exists(ArticleDocument.RELEASE_DUE, false),
                Filters.exists(ArticleDocument.EMBARGOED_UPDATE, true)));
    }

    private static boolean embargoedAfter(Document document, Instant now) {
        Date until = document.getDate(ArticleDocument.EMBARGOED_UNTIL);
        return until != null && until.toInstant().isAfter(now);
    }

    /**
     * Why an upsert of {@code articleId} found no document to write and could not insert one: the stored version is
     * newer, or the article is another publisher's.
     */
    private Written refused(MongoServerException ex, String articleId, String publisher) {
        if (ErrorCategory.fromErrorCode(ex.getCode()) != ErrorCategory.DUPLICATE_KEY) {
            throw ex;
        }
        Document stored = articles.find(Filters.eq(ArticleDocument.ID, articleId))
                .projection(Projections.include(ArticleDocument.PUBLISHER)).first();
        return stored != null && !Objects.equals(stored.getString(ArticleDocument.PUBLISHER), publisher)
                ? Written.FOREIGN : Written.STALE;
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

    /** The update of the stored article {@code articleId} waiting under embargo beside the version readers see, if any. */
    public Optional<ArticleEnriched> embargoedUpdate(String articleId) {
        return Failures.whileStoreAvailable(() -> Optional.ofNullable(articles.find(Filters.eq(ArticleDocument.ID, articleId))
                        .projection(Projections.include(ArticleDocument.EMBARGOED_UPDATE)).first())
                .map(document -> document.get(ArticleDocument.EMBARGOED_UPDATE, Document.class))
                .map(ArticleDocument::toArticle));
    }

    /**
     * Replaces the categories of the update of {@code articleId} waiting under embargo, if it is still at
     * {@code version}, after an editor's correction (so that it is announced with them).
     *
     * @return whether it was still waiting at {@code version}
     */
    public boolean correctEmbargoedUpdate(String articleId, long version, List<CategoryAssignment> categories, Instant correctedAt) {
        String update = ArticleDocument.EMBARGOED_UPDATE + ".";
        return Failures.whileStoreAvailable(() -> articles.updateOne(Filters.and(Filters.eq(ArticleDocument.ID, articleId),
                        Filters.eq(update + ArticleDocument.VERSION, version)),
                Updates.combine(Updates.set(update + ArticleDocument.CATEGORIES, ArticleDocument.categories(categories)),
                        Updates.set(update + ArticleDocument.CATEGORIES_CORRECTED_AT, Date.from(correctedAt)))).getMatchedCount() > 0);
    }

    /**
     * The stored articles published (or, without a publication time, enriched) since {@code since}, for rebuilding
     * the related-posts index, read from a cursor as the stream is consumed; close the stream. Reading fails with
     * {@link dev.newsflow.enrichment.delivery.StoreUnavailableException} if MongoDB does not answer within
     * {@code store-timeout}.
     */
    public Stream<ArticleEnriched> publishedSince(Instant since) {
        Date from = Date.from(since);
        // Only articles readers may see: a withdrawn or still embargoed one is nobody's related post.
        MongoCursor<Document> cursor = Failures.whileStoreAvailable(() -> articles
                .find(Filters.and(ArticleDocument.visibleAt(Instant.now()), shown(),
                        Filters.or(Filters.gte(ArticleDocument.PUBLISHED_AT, from), Filters.and(
                                Filters.eq(ArticleDocument.PUBLISHED_AT, null), Filters.gte(ArticleDocument.ENRICHED_AT, from)))))
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
