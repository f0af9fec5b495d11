package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.newsflow.events.ArticleSubmitted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Whole article pages, as fetched (text/html) and as a reader copies them (text/plain), submitted like articles. */
@IngestApiTest
class PageSubmissionTest {

    private static final String PAGE_URL = "https://herald.example/business/2026/04/02/dock-strike";
    private static SubmittedTopic topic;

    @Autowired
    WebTestClient anonymous;

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeAll
    static void subscribe() {
        topic = new SubmittedTopic("page-test");
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @BeforeEach
    void authenticate() {
        http = anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ArticleSubmissionTest.DAILY_EXAMPLE_KEY)
                .build();
    }

    @Test
    void anArticlePageIsAcceptedWithItsMetadataAndItsStoryAlone() throws IOException {
        String url = PAGE_URL + "-" + UUID.randomUUID();

        String id = accepted(MediaType.TEXT_HTML, page(url));

        ArticleSubmitted event = event(id);
        assertThat(event.title()).isEqualTo("Dock workers walk out over pay at three ports");
        assertThat(event.author()).isEqualTo("Priya Natarajan");
        assertThat(event.publishedAt()).isEqualTo(Instant.parse("2026-04-02T06:15:00Z"));
        assertThat(event.url()).isEqualTo(url + "?page=1");
        assertThat(event.categories()).containsExactly("Business", "Economy", "Transport");
        assertThat(event.source()).isEqualTo("Coastal Herald");
        assertThat(event.language()).isEqualTo("en-GB");
        assertThat(event.body()).startsWith("Dock workers at three of the country's busiest ports walked out")
                .contains("\n\nTalks to Resume\n\n").endsWith("within weeks.")
                .doesNotContain("cookie", "Home", "Related", "newsletter", "Share", "Photograph", "Priya");
        assertThat(event.photoCredits()).containsExactly("Photograph: Tom Wheeler/Coastal Herald");
        assertThat(event.bodyHtml()).contains("<h2>Talks to Resume</h2>");
    }

    @Test
    void thePageIsOneArticleByItsCanonicalUrl() throws IOException {
        String url = PAGE_URL + "-" + UUID.randomUUID();
        String id = accepted(MediaType.TEXT_HTML, page(url));

        http.post().uri("/api/articles").contentType(MediaType.TEXT_HTML).bodyValue(page(url)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.status").isEqualTo("duplicate");
        String updated = page(url).replace("within weeks.", "within days, the freight association said.");
        String again = accepted(MediaType.TEXT_HTML, updated);

        assertThat(again).isEqualTo(id);
        // The newer version's event may arrive after the first one has been read.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(event(id).body()).endsWith("within days, the freight association said."));
    }

    @Test
    void aCopiedPageIsAcceptedWithItsBylineDateSourceAndCategories() {
        String text = """
                Dock workers walk out over pay at three ports
                By Priya Natarajan
                Thu 2 Apr 2026 07.15 BST

                Dock workers at three ports walked out on Thursday after talks over a pay rise broke down. %s

                Cranes stand idle at the container terminal. Photograph: Tom Wheeler/Coastal Herald

                Port operators said they would return to talks on Monday.

                Source: Coastal Herald
                Categories: Business, Transport
                """.formatted(UUID.randomUUID());

        ArticleSubmitted event = event(accepted(MediaType.valueOf("text/plain; charset=utf-8"), text));

        assertThat(event.title()).isEqualTo("Dock workers walk out over pay at three ports");
        assertThat(event.author()).isEqualTo("Priya Natarajan");
        assertThat(event.publishedAt()).isEqualTo(Instant.parse("2026-04-02T06:15:00Z"));
        assertThat(event.source()).isEqualTo("Coastal Herald");
        assertThat(event.categories()).containsExactly("Business", "Transport");
        assertThat(event.body()).startsWith("Dock workers at three ports").endsWith("return to talks on Monday.")
                .doesNotContain("Photograph", "Source", "Categories");
        assertThat(event.photoCredits()).containsExactly("Photograph: Tom Wheeler/Coastal Herald");
    }

    @Test
    void aPageInTheCharsetItsContentTypeNamesIsReadInThatCharset() {
        byte[] latin1 = "Café owners protest\n\nCafé owners protested against the new rent rules on Monday. %s"
                .formatted(UUID.randomUUID()).getBytes(StandardCharsets.ISO_8859_1);

        ArticleSubmitted event = event(accepted(MediaType.valueOf("text/plain; charset=ISO-8859-1"), latin1));

        assertThat(event.title()).isEqualTo("Café owners protest");
    }

    @Test
    void pagesThatCannotBeReadAreProblemsNamingWhatIsWrong() {
        expectProblem(MediaType.TEXT_HTML, "  \n ".getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("(page)");
        expectProblem(MediaType.TEXT_PLAIN, new byte[0], HttpStatus.BAD_REQUEST);
        expectProblem(MediaType.TEXT_HTML, "<html><body><div>Some text without any headline at all.</div></body></html>"
                .getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("title");
        expectProblem(MediaType.TEXT_PLAIN, "Caf\u00e9 owners protest\n\nThey protested.".getBytes(StandardCharsets.ISO_8859_1),
                HttpStatus.BAD_REQUEST)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("not UTF-8"));
        expectProblem(MediaType.TEXT_HTML, new byte[5 * 1024 * 1024 + 1], HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void aCharsetThisServiceCannotReadIsAnUnsupportedMediaTypeProblem() throws IOException, InterruptedException {
        // Sent raw: Spring's clients refuse to send a charset they do not know.
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/articles"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ArticleSubmissionTest.DAILY_EXAMPLE_KEY)
                .header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=x-no-such-charset")
                .POST(HttpRequest.BodyPublishers.ofString("Title\n\nText.")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void aStreamedPageOverTheLimitIsRefusedWhileItIsRead() {
        // Streamed, so without a Content-Length for the size filter to refuse up front.
        Flux<byte[]> page = Flux.range(0, 6).map(i -> "<p>%s</p>".formatted("x".repeat(1 << 20)).getBytes(StandardCharsets.UTF_8));

        // A connection of its own, not the shared pool's: the server closes it once it refuses the page.
        WebClient client = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()))).build();
        WebClientResponseException refused = client.post().uri("/api/articles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ArticleSubmissionTest.DAILY_EXAMPLE_KEY)
                .contentType(MediaType.TEXT_HTML).body(page, byte[].class)
                .retrieve().bodyToMono(String.class)
                .map(ok -> new WebClientResponseException(200, "OK", null, null, null))
                .onErrorResume(WebClientResponseException.class, reactor.core.publisher.Mono::just)
                .block(Duration.ofSeconds(30));

        assertThat(refused.getStatusCode().value()).isEqualTo(413);
        assertThat(refused.getResponseBodyAsString()).contains("A page may carry at most 5 MB");
    }

    private WebTestClient.BodyContentSpec expectProblem(MediaType type, byte[] body, HttpStatus status) {
        return http.post().uri("/api/articles").contentType(type).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private String accepted(MediaType type, Object page) {
        return (String) http.post().uri("/api/articles").contentType(type).bodyValue(page).exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static String page(String url) throws IOException {
        try (InputStream in = PageSubmissionTest.class.getResourceAsStream("/pages/harbour-strike.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(PAGE_URL, url);
        }
    }

    private static ArticleSubmitted event(String key) {
        return topic.event(key);
    }
}
