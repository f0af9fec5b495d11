package dev.newsflow.ingest.versions;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What ingest last accepted for each article: the hash of its content and its version, in MongoDB's
 * {@code ingest_versions} collection, shared by every ingest instance and kept across restarts.
 *
 * <p>A submission whose content hash equals the recorded one is a duplicate: acknowledged, but not published
 * again. Any other submission gets a version above the recorded one (at least the submission time in epoch
 * milliseconds) and is recorded only after Kafka acknowledged it, so a submission that was refused (503) is not
 * mistaken for a duplicate when the publisher retries it.
 */
@Component
public class ArticleVersions {

    static final String COLLECTION = "ingest_versions";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveMongoTemplate mongo;

    ArticleVersions(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What to do with a submission of {@code articleId} whose content hashes to {@code contentHash}. */
    public Mono<Decision> decide(String articleId, String contentHash, Instant now) {
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.find(Filters.eq("_id", articleId))
                        .projection(Projections.include("hash", "version")).first()))
                .map(recorded -> contentHash.equals(recorded.getString("hash"))
                        ? new Decision(true, recorded.getLong("version"))
                        : new Decision(false, Math.max(now.toEpochMilli(), recorded.getLong("version") + 1)))
                .defaultIfEmpty(new Decision(false, now.toEpochMilli()))
                .timeout(TIMEOUT);
    }

    /** Records that {@code version} of {@code articleId}, with that content, is on Kafka; an older one never wins. */
    public Mono<Void> record(String articleId, String contentHash, long version, Instant now) {
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.updateOne(
                        Filters.and(Filters.eq("_id", articleId), Filters.lt("version", version)),
                        Updates.combine(Updates.set("hash", contentHash), Updates.set("version", version),
                                Updates.set("acceptedAt", Date.from(now))),
                        new UpdateOptions().upsert(true))))
                // The upsert collided with a newer recorded version: keep that one.
                .onErrorResume(MongoWriteException.class, ex -> ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? Mono.empty() : Mono.error(ex))
                .timeout(TIMEOUT)
                .then();
    }

    /**
     * @param duplicate the same content was already accepted, as {@code version}
     * @param version the version to publish, or the recorded one of a duplicate
     */
    public record Decision(boolean duplicate, long version) {
    }
}
