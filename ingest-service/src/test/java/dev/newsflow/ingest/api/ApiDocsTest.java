package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description a publisher's developer reads: every format, every answer, with examples. */
@IngestApiTest
class ApiDocsTest {

    @Autowired
    WebTestClient http;

    @Test
    void theSubmissionEndpointIsDescribedWithItsFormatsAnswersAndExamples() {
        String body = new String(http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody());
        JsonNode post = JsonMapper.builder().build().readTree(body).path("paths").path("/api/articles").path("post");

        assertThat(post.path("requestBody").path("content").propertyNames())
                .contains("application/json", "application/ninjs+json", "application/x-ndjson", "text/html", "text/plain");
        assertThat(post.path("requestBody").path("content").path("text/html").path("examples").isEmpty()).isFalse();
        assertThat(post.path("requestBody").path("content").path("text/plain").path("examples").isEmpty()).isFalse();
        assertThat(post.path("requestBody").path("content").path("application/json").path("examples").isEmpty()).isFalse();
        assertThat(post.path("responses").propertyNames()).contains("200", "202", "400", "401", "413", "415", "429", "503");
        assertThat(body).contains("bearer");
    }

    @Test
    void swaggerUiIsServed() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
