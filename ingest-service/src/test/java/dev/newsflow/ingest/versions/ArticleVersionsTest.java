package dev.newsflow.ingest.versions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
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

        ArticleVersions.Decision first = versions.decide(id, "hash-1", now).block();
        assertThat(first).isEqualTo(new ArticleVersions.Decision(false, now.toEpochMilli(), true));
        versions.record(id, "hash-1", first, now).block();

        assertThat(versions.decide(id, "hash-1", now.plusSeconds(60)).block())
                .isEqualTo(new ArticleVersions.Decision(true, now.toEpochMilli(), false));
        ArticleVersions.Decision changed = versions.decide(id, "hash-2", now).block();
        assertThat(changed.duplicate()).isFalse();
        assertThat(changed.first()).isFalse();
        assertThat(changed.version()).isGreaterThan(first.version());
        versions.record(id, "hash-2", changed, now).block();

        assertThat(versions.decide(id, "hash-2", now).block())
                .isEqualTo(new ArticleVersions.Decision(true, changed.version(), false));
    }

    @Test
    void aFirstVersionThatAnotherInstanceRecordedMeanwhileIsStillRecordedAndTheRestOfTheBatchToo() {
        ArticleVersions here = new ArticleVersions(mongo);
        ArticleVersions there = new ArticleVersions(mongo);
        String contested = "article-" + UUID.randomUUID();
        List<String> others = List.of("article-" + UUID.randomUUID(), "article-" + UUID.randomUUID());
        List<ArticleVersions.Decision> decisions = here.decideAll(List.of(Map.entry(others.get(0), "a"),
                Map.entry(contested, "mine"), Map.entry(others.get(1), "b")), now).block();
        assertThat(decisions).allMatch(ArticleVersions.Decision::first);

        // The other instance accepts a later version of the contested article first.
        long theirs = now.toEpochMilli() + 5_000;
        there.record(contested, "theirs", new ArticleVersions.Decision(false, theirs, true), now).block();

        Map<String, ArticleVersions.Accepted> accepted = new LinkedHashMap<>();
        accepted.put(others.get(0), new ArticleVersions.Accepted("a", decisions.get(0).version(), true));
        accepted.put(contested, new ArticleVersions.Accepted("mine", decisions.get(1).version(), true));
        accepted.put(others.get(1), new ArticleVersions.Accepted("b", decisions.get(2).version(), true));
        here.recordAll(accepted, now).block();

        Map<String, Document> recorded = Flux.from(mongo.getCollection(ArticleVersions.COLLECTION).block()
                        .find(Filters.in("_id", List.of(contested, others.get(0), others.get(1)))))
                .collectMap(document -> document.getString("_id")).block();
        assertThat(recorded.get(others.get(0)).getString("hash")).isEqualTo("a");
        assertThat(recorded.get(others.get(1)).getString("hash")).isEqualTo("b");
        // As when two instances update one article: the last write's content, the higher version.
        assertThat(recorded.get(contested).getString("hash")).isEqualTo("mine");
        assertThat(recorded.get(contested).getLong("version")).isEqualTo(theirs);
        assertThat(here.decide(contested, "mine", now).block().duplicate()).isTrue();
    }
}
