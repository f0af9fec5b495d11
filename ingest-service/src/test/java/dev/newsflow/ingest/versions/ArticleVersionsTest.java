package dev.newsflow.ingest.versions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.newsflow.store.ArticleDocument;
import dev.newsflow.testsupport.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** The version ledger against the shared MongoDB endpoint: what it decides, and that every acknowledged write lands. */
class ArticleVersionsTest {

    private static MongoClient client;
    private static ReactiveMongoTemplate mongo;

    private static final String PUBLISHER = "daily-example";

    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri());
        mongo = new ReactiveMongoTemplate(client, "ledger-test-" + UUID.randomUUID());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aFirstVersionIsRecordedSoThatItsCopyIsADuplicateAndChangedContentANewerVersion() {
        ArticleVersions versions = new ArticleVersions(mongo);
        String id = "article-" + UUID.randomUUID();

        ArticleVersions.Decision first = versions.decide(submission(id, "hash-1"), now).block();
        assertThat(first).isEqualTo(new ArticleVersions.Decision(id, false, now.toEpochMilli(), true));
        versions.record(submission(id, "hash-1"), first, now).block();

        assertThat(versions.decide(submission(id, "hash-1"), now.plusSeconds(60)).block())
                .isEqualTo(new ArticleVersions.Decision(id, true, now.toEpochMilli(), false));
        ArticleVersions.Decision changed = versions.decide(submission(id, "hash-2"), now).block();
        assertThat(changed.duplicate()).isFalse();
        assertThat(changed.first()).isFalse();
        assertThat(changed.version()).isGreaterThan(first.version());
        versions.record(submission(id, "hash-2"), changed, now).block();

        assertThat(versions.decide(submission(id, "hash-2"), now).block())
                .isEqualTo(new ArticleVersions.Decision(id, true, changed.version(), false));
    }

    @Test
    void aFirstVersionThatAnotherInstanceRecordedMeanwhileIsStillRecordedAndTheRestOfTheBatchToo() {
        ArticleVersions here = new ArticleVersions(mongo);
        ArticleVersions there = new ArticleVersions(mongo);
        String contested = "article-" + UUID.randomUUID();
        List<String> others = List.of("article-" + UUID.randomUUID(), "article-" + UUID.randomUUID());
        List<ArticleVersions.Decision> decisions = here.decideAll(List.of(submission(others.get(0), "a"),
                submission(contested, "mine"), submission(others.get(1), "b")), now).block();
        assertThat(decisions).allMatch(ArticleVersions.Decision::first);

        // The other instance accepts a later version of the contested article first.
        long theirs = now.toEpochMilli() + 5_000;
        there.record(submission(contested, "theirs"), new ArticleVersions.Decision(contested, false, theirs, true), now).block();

        Map<String, ArticleVersions.Accepted> accepted = new LinkedHashMap<>();
        accepted.put(others.get(0), new ArticleVersions.Accepted("a", decisions.get(0).version(), true, PUBLISHER));
        accepted.put(contested, new ArticleVersions.Accepted("mine", decisions.get(1).version(), true, PUBLISHER));
        accepted.put(others.get(1), new ArticleVersions.Accepted("b", decisions.get(2).version(), true, PUBLISHER));
        here.recordAll(accepted, now).block();

        Map<String, Document> recorded = Flux.from(mongo.getCollection(ArticleVersions.COLLECTION).block()
                        .find(Filters.in("_id", List.of(contested, others.get(0), others.get(1)))))
                .collectMap(document -> document.getString("_id")).block();
        assertThat(recorded.get(others.get(0)).getString("hash")).isEqualTo("a");
        assertThat(recorded.get(others.get(1)).getString("hash")).isEqualTo("b");
        // As when two instances update one article: the last write's content, the higher version.
        assertThat(recorded.get(contested).getString("hash")).isEqualTo("mine");
        assertThat(recorded.get(contested).getLong("version")).isEqualTo(theirs);
        assertThat(here.decide(submission(contested, "mine"), now).block().duplicate()).isTrue();
    }

    @Test
    void anArticleStoredUnderItsLegacyUrlIdStaysThereForItsPublisherAndNobodyElseTakesItOver() {
        ArticleVersions versions = new ArticleVersions(mongo);
        String legacyId = "legacy-" + UUID.randomUUID();
        // Recorded before the ledger named publishers; the stored article says whose it is.
        insert(ArticleVersions.COLLECTION, new Document("_id", legacyId).append("hash", "old").append("version", 1_000L));
        insert(ArticleDocument.COLLECTION, new Document("_id", legacyId).append("publisher", PUBLISHER).append("version", 1_000L));
        ArticleVersions.Submission byOwner = new ArticleVersions.Submission("scoped-" + UUID.randomUUID(), legacyId, PUBLISHER, "new");
        ArticleVersions.Submission byOther = new ArticleVersions.Submission("scoped-" + UUID.randomUUID(), legacyId, "other-paper", "new");

        List<ArticleVersions.Decision> decisions = versions.decideAll(List.of(byOther, byOwner), now).block();

        assertThat(decisions.get(0)).isEqualTo(new ArticleVersions.Decision(byOther.articleId(), false, now.toEpochMilli(), true));
        assertThat(decisions.get(1).articleId()).isEqualTo(legacyId);
        assertThat(decisions.get(1).first()).isFalse();
        versions.record(byOwner, decisions.get(1), now).block();
        assertThat(versions.decide(byOwner, now.plusSeconds(1)).block())
                .isEqualTo(new ArticleVersions.Decision(legacyId, true, decisions.get(1).version(), false));
        // Once recorded with its publisher, the ledger alone answers, whatever the stored article says.
        Flux.from(mongo.getCollection(ArticleDocument.COLLECTION).block().deleteOne(Filters.eq("_id", legacyId))).blockLast();
        assertThat(versions.decide(byOwner, now.plusSeconds(2)).block().articleId()).isEqualTo(legacyId);
        assertThat(versions.decide(byOther, now.plusSeconds(2)).block().articleId()).isEqualTo(byOther.articleId());
    }

    @Test
    void aLegacyIdWhoseArticleIsNotStoredIsNotTakenOver() {
        ArticleVersions versions = new ArticleVersions(mongo);
        String legacyId = "legacy-" + UUID.randomUUID();
        insert(ArticleVersions.COLLECTION, new Document("_id", legacyId).append("hash", "old").append("version", 1_000L));
        ArticleVersions.Submission submission = new ArticleVersions.Submission("scoped-" + UUID.randomUUID(), legacyId, PUBLISHER, "new");

        assertThat(versions.decide(submission, now).block().articleId()).isEqualTo(submission.articleId());
    }

    private static void insert(String collection, Document document) {
        Flux.from(mongo.getCollection(collection).block().insertOne(document)).blockLast();
    }

    private static ArticleVersions.Submission submission(String id, String hash) {
        return new ArticleVersions.Submission(id, null, PUBLISHER, hash);
    }
}
