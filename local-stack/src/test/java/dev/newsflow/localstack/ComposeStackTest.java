package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The README's Docker path as a newcomer takes it, where a Docker engine answers: {@code NEWSFLOW_API_KEY=…
 * docker compose up --build}, then a 202 for an article with that key and the article on the stream. It uses the
 * compose file as it is, so its published ports (8081, 8083, 29092, 27017 on this machine) must be free. Without
 * Docker it is skipped; {@link ComposeEnvironmentTest} checks the same path from the services' jars.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {

    private static final String USER_KEY = "newcomer-" + NewsflowClient.uniqueId("key");

    @Container
    static final ComposeContainer compose = new ComposeContainer(ComposeConfig.COMPOSE_FILE.toFile())
            .withEnv("NEWSFLOW_API_KEY", USER_KEY)
            .withBuild(true)
            .withRemoveVolumes(true)
            // The services' healthchecks ask Actuator on the management port, inside the containers.
            .waitingFor("ingest-service", Wait.forHealthcheck())
            .waitingFor("enrichment-service", Wait.forHealthcheck())
            .waitingFor("publish-service", Wait.forHealthcheck())
            .withStartupTimeout(Duration.ofMinutes(20));

    @Test
    void anArticleSubmittedWithTheUsersKeyIsAcceptedAndStreamed() {
        NewsflowClient client = new NewsflowClient(new LaunchOptions.Ports(8081, 8082, 8083), USER_KEY);
        try (NewsflowClient.StreamSubscription stream = client.stream()) {
            client.awaitLive(stream);

            HttpResponse<String> submitted = client.submit(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("docker")));

            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            String id = NewsflowClient.JSON.readTree(submitted.body()).get("id").asString();
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.article(id) != null);
            assertThat(EndToEndTest.codes(stream.article(id))).contains("medtop:15000000");
        }
    }
}
