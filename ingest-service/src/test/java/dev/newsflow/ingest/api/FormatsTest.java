package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** ninjs 2.x and 3.x documents, and NDJSON batches, as newsroom systems send them. */
@IngestApiTest
class FormatsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SubmittedTopic topic;

    @Autowired
    WebTestClient anonymous;

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeAll
    static void subscribe() {
        topic = new SubmittedTopic("formats-test");
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
    void ninjs2WithAnHtmlBodyIsAcceptedAsPlainTextWithItsMetadata() {
        String uri = "https://daily.example/world/summit-" + UUID.randomUUID();
        String ninjs = """
                {"uri": "%s", "type": "text", "version": "2",
                 "versioncreated": "2026-11-24T09:30:00Z", "firstcreated": "2026-11-24T08:00:00Z",
                 "language": "en", "headline": "Leaders agree on a climate fund at the summit",
                 "byline": "Ann Writer", "located": "Brussels",
                 "body_html": "<p>Leaders agreed on a fund.</p><script>alert('x')</script><p>The deal <b>passed</b> late.</p>",
                 "subject": [{"name": "World", "code": "medtop:11000000", "scheme": "http://cv.iptc.org/newscodes/mediatopic/"}],
                 "infosource": [{"name": "Example Wire"}]}
                """.formatted(uri);

        String id = accepted(http.post().uri("/api/articles").contentType(MediaType.valueOf("application/ninjs+json"))
                .bodyValue(ninjs));

        ArticleSubmitted event = event(id);
        assertThat(event.title()).isEqualTo("Leaders agree on a climate fund at the summit");
        assertThat(event.body()).isEqualTo("Leaders agreed on a fund.\n\nThe deal passed late.");
        assertThat(event.bodyHtml()).isEqualTo("<p>Leaders agreed on a fund.</p>\n<p>The deal <b>passed</b> late.</p>");
        assertThat(event.author()).isEqualTo("Ann Writer");
        assertThat(event.publishedAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        // An IPTC Media Topic subject travels by code, so that enrichment files it under the IPTC taxonomy.
        assertThat(event.categories()).containsExactly("medtop:11000000");
        assertThat(event.source()).isEqualTo("Example Wire");
        assertThat(event.url()).isEqualTo(uri);
        assertThat(event.externalId()).isEqualTo(uri);
        assertThat(event.publisher()).isEqualTo("daily-example");
    }

    @Test
    void ninjs3IsRecognisedWhenSentAsPlainJson() {
        String uri = "urn:newsml:daily.example:20261124:" + UUID.randomUUID();
        String ninjs = """
                {"uri": "%s", "versionCreated": "2026-11-24T09:30:00+01:00", "language": "en",
                 "headlines": [{"role": "main", "value": "Storm closes the coast road"}],
                 "bodies": [{"role": "main", "contentType": "text/plain", "value": "Heavy rain closed the road.\\n\\nIt reopens tomorrow."}],
                 "bylines": [{"byline": "Sam Reporter"}],
                 "subjects": [{"name": "Weather", "uri": "http://cv.iptc.org/newscodes/mediatopic/17000000"}]}
                """.formatted(uri);

        String id = accepted(http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(ninjs));

        ArticleSubmitted event = event(id);
        assertThat(event.title()).isEqualTo("Storm closes the coast road");
        assertThat(event.body()).isEqualTo("Heavy rain closed the road.\n\nIt reopens tomorrow.");
        assertThat(event.author()).isEqualTo("Sam Reporter");
        assertThat(event.publishedAt()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z"));
        assertThat(event.categories()).containsExactly("medtop:17000000");
        assertThat(event.externalId()).isEqualTo(uri);
        assertThat(event.url()).isNull();
    }

    @Test
    void ninjsErrorsNameTheNinjsFields() {
        http.post().uri("/api/articles").contentType(MediaType.valueOf("application/ninjs+json"))
                .bodyValue("{\"uri\": \"urn:x:1\", \"body_text\": \"Text\", \"versioncreated\": \"soon\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("firstcreated");
        http.post().uri("/api/articles").contentType(MediaType.valueOf("application/ninjs+json"))
                .bodyValue("{\"uri\": \"urn:x:1\", \"body_text\": \"Text\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("headline");
        http.post().uri("/api/articles").contentType(MediaType.valueOf("application/ninjs+json"))
                .bodyValue("{\"headline\": \"H\", \"body_text\": \"Text\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("uri");
    }

    @Test
    void ninjsPubstatusCanceledOrWithheldWithdrawsTheArticleByItsUriAloneAndUsableReinstatesIt() {
        String uri2 = "https://daily.example/world/recalled-" + UUID.randomUUID();
        String id2 = accepted(ninjs("""
                {"uri": "%s", "versioncreated": "2026-11-24T09:30:00Z", "headline": "Minister resigns",
                 "body_text": "The minister resigned tonight."}""".formatted(uri2)));
        long published = event(id2).version();

        assertThat(accepted(ninjs("{\"uri\": \"%s\", \"pubstatus\": \"canceled\"}".formatted(uri2)))).isEqualTo(id2);
        ArticleSubmitted kill = event(id2);
        assertThat(kill.withdrawn()).isTrue();
        assertThat(kill.version()).isGreaterThan(published);

        String uri3 = "urn:newsml:daily.example:20261124:" + UUID.randomUUID();
        String id3 = accepted(ninjs("{\"uri\": \"%s\", \"pubStatus\": \"withheld\"}".formatted(uri3)));
        assertThat(event(id3).withdrawn()).isTrue();
        String reinstated = accepted(ninjs("""
                {"uri": "%s", "pubStatus": "usable", "headlines": [{"value": "Minister stays after all"}],
                 "bodies": [{"contentType": "text/plain", "value": "The minister withdrew the resignation."}]}""".formatted(uri3)));
        assertThat(reinstated).isEqualTo(id3);
        assertThat(event(id3).withdrawn()).isFalse();

        ninjs("{\"uri\": \"urn:x:1\", \"pubstatus\": \"deleted\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("pubstatus");
    }

    @Test
    void ninjsEmbargoedHoldsTheArticleBackAndAllowsAPublicationTimeThatFarAhead() {
        Instant until = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String article = """
                {"uri": "urn:newsml:daily.example:%s", "firstcreated": "%s", "headline": "Budget figures",
                 "body_text": "The budget adds two billion."%s}""";

        String id = accepted(ninjs(article.formatted(UUID.randomUUID(), until, ", \"embargoed\": \"" + until + "\"")));

        assertThat(event(id).embargoedUntil()).isEqualTo(until);
        ninjs(article.formatted(UUID.randomUUID(), until, "")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("firstcreated")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("embargoed"));
    }

    private WebTestClient.RequestHeadersSpec<?> ninjs(String document) {
        return http.post().uri("/api/articles").contentType(MediaType.valueOf("application/ninjs+json")).bodyValue(document);
    }

    @Test
    void aBatchIsAnsweredLineByLineInOrder() {
        String run = UUID.randomUUID().toString();
        String batch = String.join("\n",
                "{\"externalId\": \"" + run + "-1\", \"title\": \"Cup final tonight\", \"body\": \"United play the final.\"}",
                "{\"externalId\": \"" + run + "-2\", \"title\": \"Budget passes\", \"body\": \"Parliament passed it.\"}",
                "",
                "{\"uri\": \"urn:" + run + ":3\", \"headline\": \"Floods in the north\", \"body_text\": \"Rivers burst.\"}",
                "{\"externalId\": \"" + run + "-4\", \"body\": \"No headline here.\"}",
                "{not json",
                "");

        List<JsonNode> answers = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_NDJSON)
                .accept(MediaType.APPLICATION_NDJSON).bodyValue(batch)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(String.class).getResponseBody().map(JSON::readTree).collectList().block(Duration.ofSeconds(30));

        assertThat(answers).extracting(answer -> answer.get("line").asLong()).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(answers).extracting(answer -> answer.get("status").asString())
                .containsExactly("accepted", "accepted", "accepted", "rejected", "rejected");
        assertThat(answers.get(3).get("errors").get(0).get("field").asString()).isEqualTo("title");
        assertThat(answers.get(4).get("detail").asString()).startsWith("Not valid JSON");
        assertThat(event(answers.get(2).get("id").asString()).title()).isEqualTo("Floods in the north");
        assertThat(event(answers.get(0).get("id").asString()).version()).isEqualTo(answers.get(0).get("version").asLong());
    }

    @Test
    void aBatchRepeatingAnArticleAcceptsItOnceAndAnUpdateAsANewerVersion() {
        String article = "{\"externalId\": \"repeat-" + UUID.randomUUID() + "\", \"title\": \"Storm warning\", \"body\": \"%s\"}";
        String batch = String.join("\n", article.formatted("Winds of 100 km/h."), article.formatted("Winds of 100 km/h."),
                article.formatted("Winds of 120 km/h."));

        List<JsonNode> answers = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_NDJSON).bodyValue(batch)
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().map(JSON::readTree).collectList().block(Duration.ofSeconds(30));

        assertThat(answers).extracting(answer -> answer.get("status").asString()).containsExactly("accepted", "duplicate", "accepted");
        assertThat(answers).extracting(answer -> answer.get("id").asString()).containsOnly(answers.get(0).get("id").asString());
        assertThat(answers.get(1).get("version").asLong()).isEqualTo(answers.get(0).get("version").asLong());
        assertThat(answers.get(2).get("version").asLong()).isGreaterThan(answers.get(0).get("version").asLong());
        assertThat(topic.event(answers.get(2).get("id").asString(), answers.get(2).get("version").asLong()).body())
                .isEqualTo("Winds of 120 km/h.");
    }

    @Test
    void aBatchLineIsNinjsOrNativeByItsKeysWhateverItsTextSays() {
        String run = UUID.randomUUID().toString();
        String batch = String.join("\n",
                "{\"externalId\": \"" + run + "-1\", \"title\": \"The \\\"uri\\\" field explained\", "
                        + "\"body\": \"During the meeting the \\\"uri\\\" and \\\"headline\\\" fields were explained.\"}",
                "{\"\\u0075ri\": \"urn:" + run + ":2\", \"headline\": \"Spelled with an escape\", \"body_text\": \"Still ninjs.\"}",
                "{\"externalId\": \"" + run + "-3\", \"title\": 5, \"body\": \"A number for a title.\"}",
                "{\"externalId\": \"" + run + "-4\", \"title\": tru, \"body\": \"Not JSON.\"}",
                "{\"uri\": \"urn:" + run + ":5\", \"headline\": {\"en\": \"An object\"}, \"body_text\": \"Wrong type.\"}");

        List<JsonNode> answers = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_NDJSON).bodyValue(batch)
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().map(JSON::readTree).collectList().block(Duration.ofSeconds(30));

        assertThat(answers).extracting(answer -> answer.get("status").asString())
                .containsExactly("accepted", "accepted", "rejected", "rejected", "rejected");
        assertThat(event(answers.get(0).get("id").asString()).title()).isEqualTo("The \"uri\" field explained");
        assertThat(event(answers.get(1).get("id").asString()).externalId()).isEqualTo("urn:" + run + ":2");
        assertThat(answers.get(2).get("errors").get(0).get("field").asString()).isEqualTo("title");
        assertThat(answers.get(3).get("detail").asString()).startsWith("Not valid JSON");
        assertThat(answers.get(4).get("errors").get(0).get("field").asString()).isEqualTo("headline");
    }

    @Test
    void linesPastTenThousandAreRejectedWithTheBatchLimit() {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < ArticleController.BATCH_LIMIT + 2; i++) {
            batch.append("{\"title\": \"No body ").append(i).append("\"}\n");
        }

        List<JsonNode> answers = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(batch.toString())
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().map(JSON::readTree).collectList().block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(ArticleController.BATCH_LIMIT + 2);
        assertThat(answers.get(ArticleController.BATCH_LIMIT - 1).get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(answers.get(ArticleController.BATCH_LIMIT).get("detail").asString()).contains("at most 10000 articles");
    }

    @Test
    void aBatchIsAnsweredWhileItIsStillBeingSent() {
        Sinks.Many<String> lines = Sinks.many().unicast().onBackpressureBuffer();
        Flux<String> answers = streamedBatch(lines);

        StepVerifier.create(answers)
                .then(() -> lines.tryEmitNext("{\"title\": \"First\", \"body\": \"Sent alone.\"}\n"))
                // The second line is only sent once the first is answered: a server that read the whole body
                // before answering would never answer.
                .assertNext(answer -> assertThat(JSON.readTree(answer).get("status").asString()).isEqualTo("accepted"))
                .then(() -> {
                    lines.tryEmitNext("{\"title\": \"Second\", \"body\": \"Sent after the first answer.\"}\n");
                    lines.tryEmitComplete();
                })
                .assertNext(answer -> assertThat(JSON.readTree(answer).get("line").asLong()).isEqualTo(2))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void crlfLineEndsAreAcceptedAndALineThatIsNotUtf8IsRejectedAsNotJson() {
        String run = UUID.randomUUID().toString();
        byte[] latin1 = ("{\"externalId\": \"" + run + "-2\", \"title\": \"Caf\u00e9 opens\", \"body\": \"Latin-1, not UTF-8.\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes(("{\"externalId\": \"" + run + "-1\", \"title\": \"Caf\u00e9 opens\", \"body\": \"Sent from Windows.\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        batch.writeBytes(latin1);
        batch.writeBytes("\r\n\r\n".getBytes(StandardCharsets.UTF_8));

        List<JsonNode> answers = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(batch.toByteArray())
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().map(JSON::readTree).collectList().block(Duration.ofSeconds(30));

        assertThat(answers).extracting(answer -> answer.get("status").asString()).containsExactly("accepted", "rejected");
        assertThat(event(answers.get(0).get("id").asString()).title()).isEqualTo("Caf\u00e9 opens");
        assertThat(answers.get(1).get("line").asLong()).isEqualTo(2);
        assertThat(answers.get(1).get("detail").asString()).startsWith("Not valid JSON");
    }

    @Test
    void aStreamedLineOverTheSizeLimitEndsTheBatchWithARejectionAfterTheLinesAnswered() {
        Sinks.Many<String> lines = Sinks.many().unicast().onBackpressureBuffer();
        Flux<String> answers = streamedBatch(lines);
        String megabyte = "b".repeat(1 << 20);

        StepVerifier.create(answers)
                .then(() -> lines.tryEmitNext("{\"title\": \"Before\", \"body\": \"A fine line.\"}\n"))
                .assertNext(answer -> assertThat(JSON.readTree(answer).get("status").asString()).isEqualTo("accepted"))
                .then(() -> {
                    // Streamed, so without a Content-Length for the size filter to refuse up front.
                    lines.tryEmitNext("{\"title\": \"Huge\", \"body\": \"");
                    for (int i = 0; i < 17; i++) {
                        lines.tryEmitNext(megabyte);
                    }
                    lines.tryEmitNext("\"}\n{\"title\": \"After\", \"body\": \"Never read.\"}\n");
                    lines.tryEmitComplete();
                })
                .assertNext(answer -> {
                    JsonNode rejection = JSON.readTree(answer);
                    assertThat(rejection.get("status").asString()).isEqualTo("rejected");
                    assertThat(rejection.get("detail").asString()).contains("over 16 MB");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    /**
     * Posts a batch streamed from {@code lines}, so without a Content-Length; the answer lines as they come. On a
     * connection of its own: the server may close it with part of an over-limit body unread, and a connection of the
     * shared pool closed that way was handed to the next test's request (connection reset by peer, seen in CI).
     */
    private Flux<String> streamedBatch(Sinks.Many<String> lines) {
        return WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()))).build()
                .post().uri("/api/articles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ArticleSubmissionTest.DAILY_EXAMPLE_KEY)
                .contentType(MediaType.APPLICATION_NDJSON)
                .body(lines.asFlux(), String.class)
                .retrieve().bodyToFlux(String.class);
    }

    private static String accepted(WebTestClient.RequestHeadersSpec<?> request) {
        return (String) request.exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static ArticleSubmitted event(String key) {
        return topic.event(key);
    }
}
