package dev.newsflow.ingest.versions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.newsflow.store.ArticleDocument;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What ingest last accepted for each article: the hash of its content, its version and its publisher, in MongoDB's
 * {@code ingest_versions} collection, shared by every ingest instance and kept across restarts.
 *
 * <p>A submission whose content hash equals the recorded one is a duplicate: acknowledged, but not published
 * again. Any other submission gets a version above the recorded one (at least the submission time in epoch
 * milliseconds) and is recorded only after Kafka acknowledged it, so a submission that was refused (503) is not
 * mistaken for a duplicate when the publisher retries it.
 *
 * <p>Without MongoDB a submission cannot be recognised as a duplicate, but it can still be accepted: downstream
 * applies it idempotently, so the front door stays open. After a failed or slow ledger operation the ledger is left
 * alone for {@value #PAUSE_SECONDS} s, so that submissions meanwhile do not each wait for a timeout.
 */
@Component
public class ArticleVersions {

    static final String COLLECTION = "ingest_versions";
    private static final String PUBLISHER = "publisher";
    static final long PAUSE_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(ArticleVersions.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveMongoTemplate mongo;
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    ArticleVersions(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * What to do with {@code submission}: never fails; without the ledger the answer is a new version, under the
     * submission's own id, stamped {@code now}.
     */
    public Mono<Decision> decide(Submission submission, Instant now) {
        return decideAll(List.of(submission), now).map(decisions -> decisions.get(0));
    }

    /**
     * {@link #decide} for many articles with one query (two if some may be stored under their pre-isolation id). An
     * article that appears more than once is judged in order, each time against its previous occurrence.
     *
     * <p>A submission with a {@link Submission#legacyId()} keeps that id if the ledger has no record of its own id,
     * has one of the legacy id, and the legacy article belongs to the submission's publisher: by the ledger's record,
     * or, for records written before the ledger named publishers, by the stored article ({@link ArticleDocument}). So a
     * publisher's resent article stays one article, and nobody else can take it over.
     *
     * @return a decision per entry of {@code submissions}, in their order
     */
    public Mono<List<Decision>> decideAll(List<Submission> submissions, Instant now) {
        List<String> ids = submissions.stream()
                .flatMap(submission -> submission.legacyId() == null ? Stream.of(submission.articleId())
                        : Stream.of(submission.articleId(), submission.legacyId()))
                .distinct().toList();
        Mono<Map<String, Document>> recorded = paused() || ids.isEmpty() ? Mono.just(Map.of())
                : mongo.getCollection(COLLECTION)
                        .flatMapMany(collection -> collection.find(Filters.in("_id", ids))
                                .projection(Projections.include("hash", "version", PUBLISHER)))
                        .collectMap(document -> document.getString("_id"))
                        .timeout(TIMEOUT)
                        .onErrorResume(ex -> {
                            pause(ex);
                            return Mono.just(Map.of());
                        });
        return recorded.flatMap(found -> legacyOwners(found, submissions).map(owners -> {
            Map<String, Document> latest = new HashMap<>(found);
            List<Decision> decisions = new ArrayList<>(submissions.size());
            for (Submission submission : submissions) {
                String id = submission.articleId();
                Document previous = latest.get(id);
                if (previous == null && submission.legacyId() != null && latest.containsKey(submission.legacyId())
                        && submission.publisher().equals(ownerOf(latest.get(submission.legacyId()), owners))) {
                    id = submission.legacyId();
                    previous = latest.get(id);
                }
                Decision decision = previous == null ? new Decision(id, false, now.toEpochMilli(), true)
                        : submission.hash().equals(previous.getString("hash")) ? new Decision(id, true, previous.getLong("version"), false)
                        : new Decision(id, false, Math.max(now.toEpochMilli(), previous.getLong("version") + 1), false);
                latest.put(id, new Document("_id", id).append("hash", submission.hash())
                        .append("version", decision.version()).append(PUBLISHER, submission.publisher()));
                decisions.add(decision);
            }
            return decisions;
        }));
    }

    private static String ownerOf(Document record, Map<String, String> legacyOwners) {
        String publisher = record.getString(PUBLISHER);
        return publisher != null ? publisher : legacyOwners.get(record.getString("_id"));
    }

    /**
     * The publishers of the stored articles whose legacy ids a submission may take over and whose ledger records
     * do not name a publisher (written before they did); empty without MongoDB, so that nothing is taken over.
     */
    private Mono<Map<String, String>> legacyOwners(Map<String, Document> recorded, List<Submission> submissions) {
        List<String> unknown = submissions.stream()
                .filter(submission -> submission.legacyId() != null && !recorded.containsKey(submission.articleId()))
                .map(Submission::legacyId)
                .filter(legacyId -> recorded.containsKey(legacyId) && recorded.get(legacyId).getString(PUBLISHER) == null)
                .distinct().toList();
        if (unknown.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.getCollection(ArticleDocument.COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.in(ArticleDocument.ID, unknown))
                        .projection(Projections.include(ArticleDocument.PUBLISHER)))
                .filter(document -> document.getString(ArticleDocument.PUBLISHER) != null)
                .collectMap(document -> document.getString(ArticleDocument.ID), document -> document.getString(ArticleDocument.PUBLISHER))
                .timeout(TIMEOUT)
                .onErrorResume(ex -> {
                    pause(ex);
                    return Mono.just(Map.of());
                });
    }

    /**
     * {@link #record} for many articles: {@code accepted} maps article ids to what was accepted. Articles the ledger
     * had no record of are inserted, in one unordered insert; the others, and any that another instance inserted
     * meanwhile (a duplicate key), are updated in one bulk write, keyed by {@code _id} alone (see {@link #record}).
     * An insert is a fraction of an upsert's work for MongoDB, and most accepted articles are first versions.
     */
    public Mono<Void> recordAll(Map<String, Accepted> accepted, Instant now) {
        if (paused() || accepted.isEmpty()) {
            return Mono.empty();
        }
        Date at = Date.from(now);
        List<Map.Entry<String, Accepted>> first = new ArrayList<>();
        List<Map.Entry<String, Accepted>> later = new ArrayList<>();
        for (Map.Entry<String, Accepted> entry : accepted.entrySet()) {
            (entry.getValue().first() ? first : later).add(entry);
        }
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> insert(collection, first, at)
                        .flatMap(taken -> {
                            List<Map.Entry<String, Accepted>> updates = new ArrayList<>(later);
                            updates.addAll(taken);
                            return update(collection, updates, at);
                        }))
                .timeout(TIMEOUT)
                .onErrorResume(ex -> {
                    pause(ex);
                    return Mono.empty();
                });
    }

    /** Inserts first versions; answers those whose id was taken meanwhile. */
    private static Mono<List<Map.Entry<String, Accepted>>> insert(MongoCollection<Document> collection,
            List<Map.Entry<String, Accepted>> first, Date at) {
        if (first.isEmpty()) {
            return Mono.just(List.of());
        }
        List<Document> documents = first.stream()
                .map(entry -> new Document("_id", entry.getKey()).append("hash", entry.getValue().hash())
                        .append("version", entry.getValue().version()).append(PUBLISHER, entry.getValue().publisher())
                        .append("acceptedAt", at))
                .toList();
        return Mono.from(collection.insertMany(documents, new InsertManyOptions().ordered(false)))
                .<List<Map.Entry<String, Accepted>>>thenReturn(List.of())
                .onErrorResume(MongoBulkWriteException.class, ex -> {
                    List<Map.Entry<String, Accepted>> taken = new ArrayList<>();
                    for (BulkWriteError error : ex.getWriteErrors()) {
                        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                            return Mono.error(ex);
                        }
                        taken.add(first.get(error.getIndex()));
                    }
                    return Mono.just(taken);
                });
    }

    private static Mono<Void> update(MongoCollection<Document> collection, List<Map.Entry<String, Accepted>> updates,
            Date at) {
        if (updates.isEmpty()) {
            return Mono.empty();
        }
        List<UpdateOneModel<Document>> writes = updates.stream()
                .map(entry -> new UpdateOneModel<Document>(Filters.eq("_id", entry.getKey()),
                        Updates.combine(Updates.set("hash", entry.getValue().hash()),
                                Updates.max("version", entry.getValue().version()),
                                Updates.set(PUBLISHER, entry.getValue().publisher()), Updates.set("acceptedAt", at)),
                        new UpdateOptions().upsert(true)))
                .toList();
        return Mono.from(collection.bulkWrite(writes, new BulkWriteOptions().ordered(false))).then();
    }

    /**
     * Records that the version {@code decision} gave the submission's article, with that content, is on Kafka. Never fails:
     * an unrecorded version only means a later identical copy is published again.
     *
     * <p>The write is keyed by {@code _id} alone, so that it is an index lookup on any MongoDB. Two instances
     * accepting different content for the same article at the same moment may therefore record the older of the two;
     * then a later copy of the newer content is published again rather than called a duplicate.
     */
    public Mono<Void> record(Submission submission, Decision decision, Instant now) {
        return recordAll(Map.of(decision.articleId(), new Accepted(submission.hash(), decision.version(), decision.first(),
                submission.publisher())), now);
    }

    private boolean paused() {
        return System.nanoTime() - pausedUntilNanos.get() < 0;
    }

    private void pause(Throwable failure) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PAUSE_SECONDS);
        long previous = pausedUntilNanos.getAndSet(until);
        if (System.nanoTime() - previous >= 0) {
            log.warn("Version ledger (MongoDB) unavailable ({}); accepting submissions without duplicate detection for {} s",
                    failure.toString(), PAUSE_SECONDS);
        }
    }

    /**
     * A submission to judge.
     *
     * @param articleId the article's id
     * @param legacyId the id the same submission had before ids were scoped by publisher, or {@code null}
     * @param publisher who submits it
     * @param hash the hash of its content
     */
    public record Submission(String articleId, String legacyId, String publisher, String hash) {
    }

    /**
     * @param articleId the id to publish the article under: the submission's own, or its legacy id
     * @param duplicate the same content was already accepted, as {@code version}
     * @param version the version to publish, or the recorded one of a duplicate
     * @param first the ledger has no version of the article (or could not be asked)
     */
    public record Decision(String articleId, boolean duplicate, long version, boolean first) {
    }

    /**
     * What Kafka acknowledged of an article, to record.
     *
     * @param hash its content hash
     * @param version its version
     * @param first the ledger had no version of it when it was decided ({@link Decision#first()})
     * @param publisher whose article it is
     */
    public record Accepted(String hash, long version, boolean first, String publisher) {
    }
}
