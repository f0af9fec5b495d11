package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doAnswer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

// The reader is a spy in the shared context: a test here may watch or stub it; the stubbing is reset after each test.
@IngestApiTest
class ReadingThreadTest {

    @Autowired
    WebTestClient http;

    // The spy @IngestApiTest puts in place of the real reader.
    @Autowired
    SubmissionReader reader;

    @Test
    void aSingleArticleIsReadOffTheThreadsThatServeConnections() {
        List<String> readingThreads = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            readingThreads.add(Thread.currentThread().getName());
            return call.callRealMethod();
        }).when(reader).read(any(JsonNode.class), anyBoolean());
        String id = "reading-thread-" + UUID.randomUUID();

        http.post().uri("/api/articles").header(HttpHeaders.AUTHORIZATION, "Bearer " + ArticleSubmissionTest.DAILY_EXAMPLE_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("externalId", id, "title", "Harbour reopens after the storm",
                        "body", "<p>The harbour reopened on Monday after the storm.</p><p>Ferries sail again from Tuesday.</p>"))
                .exchange()
                .expectStatus().isAccepted();

        assertThat(readingThreads).singleElement().asString().doesNotStartWith("reactor-http");
    }
}
