package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.EventType;
import dev.newsflow.testsupport.Actuator;
import dev.newsflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@IngestApiTest
class ArticleSubmissionTest {

    static final String DAILY_EXAMPLE_KEY = "test-key-daily-example";

    private static KafkaConsumer<String, byte[]> topic;
    private static final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @Autowired
    WebTestClient anonymous;

    @Autowired
    ReactiveMongoTemplate mongo;

    WebTestClient http;

    @BeforeEach
    void authenticateAsDailyExample() {
        http = anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + DAILY_EXAMPLE_KEY).build();
    }

    @BeforeAll
    static void subscribe() {
        topic = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        topic.subscribe(List.of(ArticleTopics.ARTICLE_SUBMITTED));
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @Test
    void acceptedArticleIsOnKafkaWithItsIdAsKeyAndCloudEventsHeaders() {
        String externalId = "cup-final-" + UUID.randomUUID();

        Map<?, ?> answer = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(article(externalId, "https://daily.example/sport/" + externalId))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "http://localhost:8083/api/articles/[A-Za-z0-9_-]+")
                .expectBody(Map.class).returnResult().getResponseBody();

        String id = (String) answer.get("id");
        ConsumerRecord<String, byte[]> record = awaitRecord(id);
        assertThat(header(record, "ce_type")).isEqualTo(EventType.ARTICLE_SUBMITTED.ceType());
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("/newsflow/ingest-service");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
        ArticleSubmitted event = ArticleEventJson.read(record.value(), ArticleSubmitted.class);
        assertThat(event.schemaVersion()).isEqualTo(ArticleSubmitted.SCHEMA_VERSION);
        assertThat(event.title()).isEqualTo("Late penalty sends United into the cup final");
        assertThat(event.author()).isEqualTo("Sam Reporter");
        assertThat(event.publishedAt()).isEqualTo(Instant.parse("2026-11-20T18:45:00Z"));
        assertThat(event.categories()).containsExactly("Sport");
        assertThat(event.version()).isEqualTo(((Number) answer.get("version")).longValue());
    }

    @Test
    void theRequestsTraceTravelsWithTheRecordAsW3cTraceparent() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String externalId = "traced-" + UUID.randomUUID();

        String id = (String) http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .bodyValue(article(externalId, null))
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        assertThat(header(awaitRecord(id), "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
    }

    @Test
    void withoutAnApiKeyTheAnswerIs401AndNothingIsPublished() {
        anonymous.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article("no-key", null))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
                .expectBody().jsonPath("$.status").isEqualTo(401);
        anonymous.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).header("X-Api-Key", "guessed")
                .bodyValue(article("wrong-key", null))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void thePublisherComesFromTheKeyNeverFromTheBody() {
        Map<String, Object> claimingDailyExample = article("spoof-" + UUID.randomUUID(), null);
        claimingDailyExample.put("publisher", "daily-example");

        String id = (String) anonymous.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .header("X-Api-Key", "test-key-other-paper")
                .bodyValue(claimingDailyExample)
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        ArticleSubmitted event = ArticleEventJson.read(awaitRecord(id).value(), ArticleSubmitted.class);
        assertThat(event.publisher()).isEqualTo("other-paper");
        // The same external id under another publisher's key is another article.
        claimingDailyExample.remove("publisher");
        assertThat(submittedId(claimingDailyExample)).isNotEqualTo(id);
    }

    @Test
    void identicalContentIsADuplicateAndChangedContentANewerVersion() {
        String externalId = "resent-" + UUID.randomUUID();
        Map<String, Object> article = article(externalId, "https://daily.example/sport/" + externalId);
        Map<?, ?> first = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article)
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) first.get("id");
        long version = ((Number) first.get("version")).longValue();

        http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("duplicate")
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.version").isEqualTo(version);
        article.put("body", article.get("body") + "\n\nUpdated with the coach's reaction.");
        Map<?, ?> changed = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article)
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(changed.get("id")).isEqualTo(id);
        assertThat(((Number) changed.get("version")).longValue()).isGreaterThan(version);
        awaitRecord(id, 2);
        assertThat(received.stream().filter(r -> id.equals(r.key())).map(r -> ArticleEventJson.read(r.value(),
                ArticleSubmitted.class).version())).as("versions published").containsExactly(version,
                ((Number) changed.get("version")).longValue());
    }

    @Test
    void samePublisherAndExternalIdAlwaysGiveTheSameId() {
        String externalId = "stable-" + UUID.randomUUID();

        String first = submittedId(article(externalId, "https://daily.example/a"));
        String second = submittedId(article(externalId, "https://daily.example/b"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSpellingsOfTheSameUrlGiveTheSameId() {
        String path = "/world/" + UUID.randomUUID();
        Map<String, Object> plain = article(null, "https://daily.example" + path);
        Map<String, Object> spelledDifferently = article(null, "HTTPS://Daily.Example:443" + path + "/#comments");

        assertThat(submittedId(spelledDifferently)).isEqualTo(submittedId(plain));
    }

    @Test
    void anotherPublisherSendingTheSameUrlGetsAnArticleOfItsOwnAndTheFirstIsLeftAlone() {
        String url = "https://daily.example/world/" + UUID.randomUUID();
        String first = submittedId(article(null, url));
        Map<String, Object> copy = article(null, url);
        copy.put("title", "Our own take on the cup final");

        String other = (String) anonymous.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .header("X-Api-Key", "test-key-other-paper").bodyValue(copy)
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        assertThat(other).isNotEqualTo(first);
        assertThat(ArticleEventJson.read(awaitRecord(other).value(), ArticleSubmitted.class).publisher()).isEqualTo("other-paper");
        ArticleSubmitted original = ArticleEventJson.read(awaitRecord(first).value(), ArticleSubmitted.class);
        assertThat(original.publisher()).isEqualTo("daily-example");
        assertThat(received.stream().filter(r -> first.equals(r.key()))).as("records of the first article").hasSize(1);
    }

    @Test
    void theSameArticleWithoutExternalIdOrUrlResentIsADuplicateOfOneArticle() {
        Map<String, Object> article = article(null, null);
        article.put("title", "Harbour reopens after the storm " + UUID.randomUUID());
        Map<?, ?> first = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article)
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> respaced = new java.util.HashMap<>(article);
        respaced.put("title", "  " + article.get("title") + " ");

        http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(respaced)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("duplicate")
                .jsonPath("$.id").isEqualTo(first.get("id"));
        String byOtherPaper = (String) anonymous.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .header("X-Api-Key", "test-key-other-paper").bodyValue(article)
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        assertThat(byOtherPaper).isNotEqualTo(first.get("id"));
    }

    @Test
    void anArticleStoredUnderItsOldUrlOnlyIdKeepsThatIdForItsPublisherOnly() {
        String url = "https://daily.example/politics/" + UUID.randomUUID();
        // The id every URL-only article had before ids were scoped by publisher.
        String legacyId = urlSafeSha256("url:" + url).substring(0, 22);
        mongo.getCollection("ingest_versions").flatMap(c -> Mono.from(c.insertOne(new Document("_id", legacyId)
                .append("hash", "content of an earlier version").append("version", 1_000L)))).block();
        mongo.getCollection(dev.newsflow.store.ArticleDocument.COLLECTION).flatMap(c -> Mono.from(c.insertOne(new Document("_id", legacyId)
                .append("publisher", "daily-example").append("version", 1_000L)))).block();

        Map<?, ?> resent = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article(null, url))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String byOtherPaper = (String) anonymous.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .header("X-Api-Key", "test-key-other-paper").bodyValue(article(null, url))
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        assertThat(resent.get("id")).isEqualTo(legacyId);
        assertThat(((Number) resent.get("version")).longValue()).isGreaterThan(1_000L);
        assertThat(byOtherPaper).isNotEqualTo(legacyId);
    }

    private static String urlSafeSha256(String text) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void statusWithdrawnWithdrawsTheArticleByItsExternalIdOnlyForItsPublisherAndALaterVersionReinstatesIt() {
        String externalId = "recalled-" + UUID.randomUUID();
        Map<String, Object> article = article(externalId, null);
        String id = submittedId(article);
        long published = ArticleEventJson.read(awaitRecord(id).value(), ArticleSubmitted.class).version();

        assertThat(submittedId(Map.of("externalId", externalId, "status", "withdrawn"))).isEqualTo(id);
        ArticleSubmitted kill = latest(id, 2);
        assertThat(kill.withdrawn()).isTrue();
        assertThat(kill.version()).isGreaterThan(published);
        String byOtherPaper = (String) anonymous.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .header("X-Api-Key", "test-key-other-paper").bodyValue(Map.of("externalId", externalId, "status", "withdrawn"))
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        assertThat(byOtherPaper).as("another publisher's withdrawal is of its own article").isNotEqualTo(id);

        article.put("status", "published");
        assertThat(submittedId(article)).isEqualTo(id);
        ArticleSubmitted reinstated = latest(id, 3);
        assertThat(reinstated.withdrawn()).isFalse();
        assertThat(reinstated.version()).isGreaterThan(kill.version());
    }

    @Test
    void aWithdrawalNeedsWhatIdentifiesTheArticleAndAStatusIsPublishedOrWithdrawn() {
        expectProblem(Map.of("status", "withdrawn"), "externalId");
        Map<String, Object> unknownStatus = article("x", null);
        unknownStatus.put("status", "deleted");
        expectProblem(unknownStatus, "status");
    }

    @Test
    void aPublicationTimeMoreThanADayAheadIsRejectedUnlessTheArticleIsUnderEmbargoUntilThen() {
        Instant ahead = Instant.now().plus(Duration.ofHours(48)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> article = article("ahead-" + UUID.randomUUID(), null);
        article.put("publishedAt", ahead.toString());
        expectProblem(article, "publishedAt");

        article.put("embargoedUntil", ahead.toString());
        String id = submittedId(article);

        assertThat(latest(id, 1).embargoedUntil()).isEqualTo(ahead);
        article.put("externalId", "soon-" + UUID.randomUUID());
        article.remove("embargoedUntil");
        article.put("publishedAt", Instant.now().plus(Duration.ofHours(23)).toString());
        submittedId(article);
    }

    private static ArticleSubmitted latest(String id, int records) {
        awaitRecord(id, records);
        return received.stream().filter(r -> id.equals(r.key())).reduce((a, b) -> b)
                .map(r -> ArticleEventJson.read(r.value(), ArticleSubmitted.class)).orElseThrow();
    }

    @Test
    void missingTitleIsRejectedNamingTheField() {
        Map<String, Object> article = new java.util.HashMap<>(article("x", null));
        article.remove("title");

        expectProblem(article, "title");
    }

    @Test
    void blankBodyNonHttpUrlAndBadDateAreRejectedNamingTheField() {
        Map<String, Object> blankBody = new java.util.HashMap<>(article("x", null));
        blankBody.put("body", "   ");
        expectProblem(blankBody, "body");

        expectProblem(article("x", "ftp://daily.example/a"), "url");

        Map<String, Object> badDate = new java.util.HashMap<>(article("x", null));
        badDate.put("publishedAt", "yesterday");
        expectProblem(badDate, "publishedAt");
    }

    @Test
    void urlsWithoutAServerHostAreRejectedNamingTheFieldNotAnswered500() {
        expectProblem(article("x", "http://a_b.example/world"), "url");
        expectProblem(article("x", "http://user@:80/world"), "url");
        expectProblem(article("x", "http://[::1"), "url");
    }

    @Test
    void missingBodyIsABadRequestProblemThatDoesNotExposeTheHandler() {
        http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .isEqualTo("The request needs a JSON article as its body"));
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"title\": \"unterminated")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400).jsonPath("$.title").isEqualTo("Malformed request body");
    }

    @Test
    void unsupportedContentTypeIsAnUnsupportedMediaTypeProblem() {
        http.post().uri("/api/articles").contentType(MediaType.APPLICATION_XML).bodyValue("<article>Late penalty sends United</article>")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(415);
    }

    @Test
    void acceptedArticlesAreCountedOnThePrometheusEndpoint() {
        double before = acceptedCount();

        submittedId(article("counted-" + UUID.randomUUID(), null));

        assertThat(acceptedCount()).isEqualTo(before + 1);
    }

    @Test
    void readinessReflectsTheKafkaBinderAndLivenessIsUp() {
        Actuator.expectReady(http, "binders");
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private double acceptedCount() {
        return Actuator.value(Actuator.prometheus(http), "newsflow_articles_ingested_total", "outcome=\"accepted\"",
                "application=\"ingest-service\"");
    }

    private void expectProblem(Map<String, ?> article, String field) {
        http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(field))
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private String submittedId(Map<String, ?> article) {
        return (String) http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON).bodyValue(article)
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String key) {
        return awaitRecord(key, 1);
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String key, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            topic.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(r -> key.equals(r.key())).count() >= count;
        });
        return received.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> article(String externalId, String url) {
        Map<String, Object> article = new java.util.HashMap<>(Map.of(
                "publisher", "daily-example",
                "title", "Late penalty sends United into the cup final",
                "body", "A penalty in the last minute sent United into the cup final.\n\nThe striker scored from the spot.",
                "author", "Sam Reporter",
                "source", "Example Wire",
                "publishedAt", "2026-11-20T18:45:00Z",
                "language", "en",
                "categories", List.of("Sport")));
        if (externalId != null) {
            article.put("externalId", externalId);
        }
        if (url != null) {
            article.put("url", url);
        }
        return article;
    }
}
