package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.newsflow.testsupport.KafkaAndMongo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // SHA-256 of "test-key-busy-wire" and "test-key-daily-example"
        "newsflow.ingest.api-keys=busy-wire=a5b10c2665813caf95d8e3348b69811fdea63d1c56b571401f45659147b26184,"
                + "daily-example=c2b45062290f3665e4db748cc11148f3ac80695363d0711cb8d7ffc724660661",
        "newsflow.ingest.rate-limit.requests-per-second=1",
        "newsflow.ingest.rate-limit.burst=3"})
@AutoConfigureWebTestClient(timeout = "PT30S")
@KafkaAndMongo
@DirtiesContext
class RateLimitTest {

    @Autowired
    WebTestClient http;

    @Test
    void aPublisherOverItsRateGets429WithRetryAfterWhileOthersAreStillServed() {
        List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
        // The bucket refills one request a second, so the burst runs out after a few more than 3 however slow we are.
        for (int i = 0; i < 20 && (answers.isEmpty() || answers.get(answers.size() - 1).getStatus().value() != 429); i++) {
            answers.add(submit("test-key-busy-wire", "burst-" + i));
        }

        assertThat(answers.subList(0, 3)).allSatisfy(answer -> assertThat(answer.getStatus().value()).isEqualTo(202));
        EntityExchangeResult<byte[]> limited = answers.get(answers.size() - 1);
        assertThat(limited.getStatus().value()).isEqualTo(429);
        assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Integer.parseInt(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 2);
        assertThat(submit("test-key-daily-example", "other-publisher").getStatus().value()).isEqualTo(202);
    }

    private EntityExchangeResult<byte[]> submit(String key, String externalId) {
        return http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .bodyValue(Map.of("externalId", externalId, "title", "Wire item " + externalId, "body", "Text."))
                .exchange().expectBody().returnResult();
    }
}
