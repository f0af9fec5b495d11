package dev.newsflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMongoTest {

    @TempDir
    Path data;

    @Test
    void documentsSurviveARestartOfTheEndpoint() {
        int port = FreePorts.next();
        try (LocalMongo mongo = LocalMongo.start(data, port); MongoClient client = MongoClients.create(mongo.uri())) {
            client.getDatabase("newsflow").getCollection("articles")
                    .insertOne(new Document("_id", "a-1").append("title", "Kept across restarts"));
        }

        try (LocalMongo mongo = LocalMongo.start(data, port); MongoClient client = MongoClients.create(mongo.uri())) {
            Document found = client.getDatabase("newsflow").getCollection("articles").find(Filters.eq("_id", "a-1")).first();

            assertThat(found).isNotNull();
            assertThat(found.getString("title")).isEqualTo("Kept across restarts");
        }
    }

    @Test
    void answersTheHelloCommandThatHealthChecksSend() {
        try (LocalMongo mongo = LocalMongo.start(data, FreePorts.next()); MongoClient client = MongoClients.create(mongo.uri())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));

            assertThat(hello.get("ok", Number.class).doubleValue()).isEqualTo(1.0);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
        }
    }

    @Test
    void writesConditionalOnIdAndVersionMatchOnlyTheDocumentThatMeetsTheCondition() {
        try (LocalMongo mongo = LocalMongo.start(data, FreePorts.next()); MongoClient client = MongoClients.create(mongo.uri())) {
            MongoCollection<Document> articles = client.getDatabase("newsflow").getCollection("articles");
            articles.insertOne(new Document("_id", "a-1").append("version", 2L).append("title", "Second"));
            articles.insertOne(new Document("_id", "a-2").append("version", 5L).append("title", "Other"));

            var newer = Filters.and(Filters.eq("_id", "a-1"), Filters.lte("version", 3L));
            assertThat(articles.replaceOne(newer, new Document("version", 3L).append("title", "Third"),
                    new ReplaceOptions().upsert(true)).getModifiedCount()).isEqualTo(1);
            var older = Filters.and(Filters.eq("_id", "a-1"), Filters.lte("version", 1L));
            assertThat(articles.updateOne(older, Updates.set("title", "First")).getMatchedCount()).isZero();
            // An upsert whose condition fails tries to insert the existing id, as MongoDB does.
            assertThatThrownBy(() -> articles.replaceOne(older, new Document("version", 1L), new ReplaceOptions().upsert(true)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(articles.find(Filters.and(Filters.eq("_id", "a-2"), Filters.eq("version", 5L))).first())
                    .containsEntry("title", "Other");
            assertThat(articles.find(Filters.and(Filters.in("_id", "a-1", "a-2"), Filters.gte("version", 3L)))
                    .map(document -> document.getString("title")).into(new java.util.ArrayList<>()))
                    .containsExactlyInAnyOrder("Third", "Other");
            assertThat(articles.find(Filters.eq("_id", "a-1")).first()).containsEntry("title", "Third");
        }
    }
}
