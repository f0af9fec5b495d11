package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.newsflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The three services, each in its own JVM from its runnable jar, against the shared test broker and database:
 * an article POSTed to ingest appears enriched on publish's SSE stream and through GET /api/articles/{id}.
 */
class EndToEndTest {

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static NewsflowClient client;

    @BeforeAll
    static void startServices() {
        LaunchOptions options = NewsflowClient.testOptions(TestInfrastructure.kafkaBootstrapServers(),
                TestInfrastructure.mongoUri(), data);
        stack = LocalStack.start(options, NewsflowClient.logFiles("e2e"));
        client = new NewsflowClient(options.ports());
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void submittedArticleIsStreamedEnrichedAndCanBeFetched() {
        try (NewsflowClient.StreamSubscription stream = client.stream()) {
            awaitStreamIsLive(stream);

            String externalId = NewsflowClient.uniqueId("e2e");
            Instant submitted = Instant.now();
            String id = client.submitAccepted(NewsflowClient.sportsArticle(externalId));

            await().atMost(Duration.ofSeconds(30)).until(() -> stream.article(id) != null);
            System.out.printf("e2e: article %s on the SSE stream %d ms after the POST%n", id,
                    Duration.between(submitted, stream.arrival(id)).toMillis());
            JsonNode streamed = stream.article(id);
            assertThat(streamed.get("title").asString()).isEqualTo("Late penalty sends United into the cup final");
            assertThat(codes(streamed)).contains("medtop:15000000");

            HttpResponse<String> fetched = client.article(id);
            assertThat(fetched.statusCode()).isEqualTo(200);
            JsonNode stored = NewsflowClient.JSON.readTree(fetched.body());
            assertThat(stored.get("id").asString()).isEqualTo(id);
            assertThat(stored.get("author").asString()).isEqualTo("Sam Reporter");
            assertThat(codes(stored)).contains("medtop:15000000");
        }
    }

    // publish-service's stream consumer starts at the latest offset once its partitions are assigned;
    // probe articles tell us when that has happened.
    private static void awaitStreamIsLive(NewsflowClient.StreamSubscription stream) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            client.submitAccepted(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("probe")));
            return !stream.isEmpty();
        });
    }

    static List<String> codes(JsonNode article) {
        List<String> codes = new ArrayList<>();
        article.get("categories").forEach(category -> codes.add(category.get("code").asString()));
        return codes;
    }
}
