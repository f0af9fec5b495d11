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
        NewsflowClient client = new NewsflowClient(options.ports());
        String id;
        try (LocalStack stack = LocalStack.start(options, NewsflowClient.logFiles("restart-1"))) {
            id = client.submitAccepted(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("restart")));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.article(id).statusCode() == 200);
        }

        try (LocalStack stack = LocalStack.start(options, NewsflowClient.logFiles("restart-2"))) {
            HttpResponse<String> fetched = client.article(id);

            assertThat(fetched.statusCode()).isEqualTo(200);
            JsonNode article = NewsflowClient.JSON.readTree(fetched.body());
            assertThat(article.get("title").asString()).isEqualTo("Late penalty sends United into the cup final");
            assertThat(EndToEndTest.codes(article)).contains("medtop:15000000");
        }
    }
}
