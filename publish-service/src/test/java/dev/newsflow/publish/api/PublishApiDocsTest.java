package dev.newsflow.publish.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description a reader's developer starts from: every route, the stream's formats and parameters. */
@PublishApiContext
class PublishApiDocsTest {

    @Autowired
    WebTestClient http;

    @Test
    void everyRouteIsDescribed() {
        JsonNode paths = apiDocs().path("paths");

        assertThat(paths.propertyNames()).contains("/api/articles", "/api/articles/{id}", "/api/articles/{id}/related",
                "/api/articles/stream", "/api/articles/{id}/categories", "/api/categories");
        assertThat(paths.path("/api/articles/{id}/categories").has("put")).isTrue();
        assertThat(paths.path("/api/articles/{id}/categories").path("put").path("security").toString()).contains("bearer");
    }

    @Test
    void theStreamIsDescribedWithBothFormatsItsFiltersAndHowToResume() {
        JsonNode stream = apiDocs().path("paths").path("/api/articles/stream").path("get");

        assertThat(stream.path("responses").path("200").path("content").propertyNames())
                .contains("text/event-stream", "application/x-ndjson");
        assertThat(stream.path("responses").path("200").path("content").path("application/x-ndjson").path("schema")
                .path("$ref").asString()).endsWith("/ArticleView");
        List<String> parameters = new ArrayList<>();
        stream.path("parameters").forEach(parameter -> {
            parameters.add(parameter.path("in").asString() + ":" + parameter.path("name").asString());
            assertThat(parameter.path("description").asString()).as(parameter.toString()).isNotBlank();
        });
        assertThat(parameters).contains("query:category", "query:publisher", "query:source", "query:language",
                "query:keyword", "query:since", "header:Last-Event-ID");
        assertThat(stream.path("description").asString()).contains("article-updated", "heartbeat", "overflow");
    }

    @Test
    void swaggerUiIsServed() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    private JsonNode apiDocs() {
        // springdoc builds the description on the first request: on a busy machine that takes longer than 5 s.
        String body = new String(http.mutate().responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody());
        return JsonMapper.builder().build().readTree(body);
    }
}
