package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
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
}
