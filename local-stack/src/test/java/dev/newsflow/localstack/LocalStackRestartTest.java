package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The README's promise: the local stack keeps its articles across a stop and a restart. */
class LocalStackRestartTest {

    @TempDir
    Path data;

    @Test
    void articlesSurviveStoppingAndRestartingTheLocalStack() {
        LaunchOptions options = NewsflowClient.testOptions(null, null, data);
        String id;
        String apiKey;
        try (LocalStack stack = LocalStack.start(options, NewsflowClient.logFiles("restart-1"))) {
            apiKey = stack.apiKey();
            NewsflowClient client = new NewsflowClient(options.ports(), apiKey);
            id = client.submitAccepted(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("restart")));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.article(id).statusCode() == 200);
        }

        try (LocalStack stack = LocalStack.start(options, NewsflowClient.logFiles("restart-2"))) {
            NewsflowClient client = new NewsflowClient(options.ports(), stack.apiKey());
            HttpResponse<String> fetched = client.article(id);

            assertThat(stack.apiKey()).as("the API key kept in the data directory").isEqualTo(apiKey);
            assertThat(client.submit(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("after-restart"))).statusCode())
                    .isEqualTo(202);
            assertThat(fetched.statusCode()).isEqualTo(200);
            JsonNode article = NewsflowClient.JSON.readTree(fetched.body());
            assertThat(article.get("title").asString()).isEqualTo("Late penalty sends United into the cup final");
            assertThat(EndToEndTest.codes(article)).contains("medtop:15000000");
        }
    }
}
