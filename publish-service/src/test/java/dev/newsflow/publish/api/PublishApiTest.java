package dev.newsflow.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.CategoriesCorrected;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import dev.newsflow.publish.ArticleView;
import dev.newsflow.store.ArticleDocument;
import dev.newsflow.testsupport.ArticleBuilder;
import dev.newsflow.testsupport.Actuator;
import dev.newsflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@PublishApiContext
class PublishApiTest {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    WebTestClient http;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Value("${local.server.port}")
    int port;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void storedArticleIsReturnedWithItsCategoriesAndRelatedPosts() {
        String id = store("Cup final tickets sell out", Instant.parse("2026-11-20T10:00:00Z"));

        http.get().uri("/api/articles/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.title").isEqualTo("Cup final tickets sell out")
                .jsonPath("$.author").isEqualTo("Sam Reporter")
                .jsonPath("$.publishedAt").isEqualTo("2026-11-20T10:00:00Z")
                .jsonPath("$.categories[0].code").isEqualTo("medtop:15000000")
                .jsonPath("$.categories[0].origin").isEqualTo("model")
                .jsonPath("$.relatedPosts[0].id").isEqualTo("earlier-report")
                .jsonPath("$.relatedPosts[0].reasons[0]").isEqualTo("shared terms: cup, final");
    }

    @Test
    void anEditorsCorrectionIsAcceptedAndPublishedForEnrichmentWithThePublisherFromTheKey() {
        String id = store("Storm closes coastal roads", Instant.parse("2026-11-20T10:00:00Z"));
        try (KafkaConsumer<String, byte[]> corrections = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            corrections.subscribe(List.of(ArticleTopics.CATEGORY_CORRECTIONS));

            String traceId = UUID.randomUUID().toString().replace("-", "");
            http.put().uri("/api/articles/{id}/categories", id).header("Authorization", "Bearer test-key-daily-example")
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("categories", List.of("Weather ", "medtop:17000000", "Weather")))
                    .exchange()
                    .expectStatus().isAccepted()
                    .expectHeader().location("/api/articles/" + id)
                    .expectBody()
                    .jsonPath("$.categories.length()").isEqualTo(2)
                    .jsonPath("$.categories[0]").isEqualTo("Weather");

            List<ConsumerRecord<String, byte[]>> received = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                corrections.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (id.equals(record.key())) {
                        received.add(record);
                    }
                });
                return !received.isEmpty();
            });
            CategoriesCorrected correction = ArticleEventJson.read(received.get(0).value(), CategoriesCorrected.class);
            assertThat(correction.articleId()).isEqualTo(id);
            assertThat(correction.publisher()).isEqualTo("daily-example");
            assertThat(correction.categories()).containsExactly("Weather", "medtop:17000000");
            assertThat(new String(received.get(0).headers().lastHeader(EventHeaders.CE_TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo(EventType.CATEGORIES_CORRECTED.ceType());
            // The record continues the editor's request's trace.
            assertThat(new String(received.get(0).headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        }
    }

    @Test
    void aCorrectionNeedsAKeyOfTheArticlesPublisherAndAValidBody() {
        String id = store("Ferry timetable changes", Instant.parse("2026-11-20T10:00:00Z"));
        Map<String, List<String>> body = Map.of("categories", List.of("Travel"));

        http.put().uri("/api/articles/{id}/categories", id).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"newsflow\"");
        http.put().uri("/api/articles/{id}/categories", id).header("X-Api-Key", "not-a-key")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isUnauthorized();
        http.put().uri("/api/articles/{id}/categories", id).header("X-Api-Key", "test-key-other-paper")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.put().uri("/api/articles/{id}/categories", "no-such-article").header("X-Api-Key", "test-key-daily-example")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isNotFound();
        for (String invalid : List.of("{}", "{\"categories\": [\" \"]}", "{\"categories\": \"Travel\"}", "{\"categories\": [",
                "{\"categories\": [" + "\"x\",".repeat(30) + "\"y\"]}")) {
            http.put().uri("/api/articles/{id}/categories", id).header("X-Api-Key", "test-key-daily-example")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(invalid)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void unknownIdIsANotFoundProblemNamingTheId() {
        http.get().uri("/api/articles/{id}", "no-such-article").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No article with id no-such-article")
                .jsonPath("$.id").isEqualTo("no-such-article");
    }

    @Test
    void aWithdrawnArticleIsGoneFromReadsListsCategoriesAndCorrections() {
        String publisher = "paper-" + UUID.randomUUID();
        String shown = store("Harbour reopens", Instant.parse("2026-11-20T10:00:00Z"), publisher, "sport");
        String withdrawn = store(ArticleBuilder.article("article-" + UUID.randomUUID()).publisher(publisher)
                .title("Minister resigns").iptc("medtop:11000000", "politics", 0.9).withdrawn(true).build());

        http.get().uri("/api/articles/{id}", withdrawn).exchange()
                .expectStatus().isEqualTo(HttpStatus.GONE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(410)
                .jsonPath("$.id").isEqualTo(withdrawn)
                .jsonPath("$.title").isEqualTo("Article withdrawn");
        http.get().uri("/api/articles/{id}/related", withdrawn).exchange().expectStatus().isEqualTo(HttpStatus.GONE);
        http.put().uri("/api/articles/{id}/categories", withdrawn).header("X-Api-Key", "test-key-daily-example")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("categories", List.of("Politics")))
                .exchange().expectStatus().isEqualTo(HttpStatus.GONE);
        http.get().uri("/api/articles?publisher={publisher}", publisher).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].id").value(ids -> assertThat((List<Object>) ids).containsExactly(shown));
        http.get().uri("/api/categories").exchange()
                .expectBody().jsonPath("$[?(@.code == 'medtop:11000000')]").doesNotExist();
    }

    @Test
    void anArticleUnderEmbargoIsNeitherReadableNorListedUntilItEnds() {
        String publisher = "paper-" + UUID.randomUUID();
        String held = store(ArticleBuilder.article("article-" + UUID.randomUUID()).publisher(publisher).title("Budget figures")
                .embargoedUntil(Instant.now().plus(Duration.ofHours(1))).build());
        String ended = store(ArticleBuilder.article("article-" + UUID.randomUUID()).publisher(publisher).title("Jobs figures")
                .embargoedUntil(Instant.now().minusSeconds(1)).build());

        http.get().uri("/api/articles/{id}", held).exchange().expectStatus().isNotFound();
        http.get().uri("/api/articles/{id}", ended).exchange().expectStatus().isOk();
        http.get().uri("/api/articles?publisher={publisher}", publisher).exchange()
                .expectBody().jsonPath("$.items[*].id").value(ids -> assertThat((List<Object>) ids).containsExactly(ended));
    }

    @Test
    void aWithdrawalReachesEverySubscriberAsArticleWithdrawnWithTheIdOnly() {
        String marker = "Kill" + UUID.randomUUID().toString().substring(0, 8);
        Flux<ServerSentEvent<String>> stream = client().get().uri("/api/articles/stream?category=Weather&keyword={marker}", marker)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { });
        Queue<ServerSentEvent<String>> received = new ConcurrentLinkedQueue<>();
        Disposable subscription = stream.subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                publish(enriched("Probe " + marker));
                return received.stream().anyMatch(e -> e.data() != null);
            });
            ArticleEnriched shown = enriched("Storm " + marker + " floods the valley");
            publish(shown);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(e -> "article".equals(e.event())
                    && e.data().contains(shown.articleId())));

            publish(shown.withdrawnAs(9, Instant.now()));

            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(e -> "article-withdrawn".equals(e.event())));
            ServerSentEvent<String> withdrawal = received.stream().filter(e -> "article-withdrawn".equals(e.event())).findFirst().orElseThrow();
            assertThat(JSON.readTree(withdrawal.data()).properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("event", "id", "version");
            assertThat(JSON.readTree(withdrawal.data()).get("id").asString()).isEqualTo(shown.articleId());
            assertThat(JSON.readTree(withdrawal.data()).get("version").asLong()).isEqualTo(9);
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void listIsNewestFirstFilteredAndCursorPagesStayStableWhileArticlesArrive() {
        String publisher = "paper-" + UUID.randomUUID();
        Instant base = Instant.parse("2030-01-01T00:00:00Z");
        String oldest = store("Oldest report on the harbour", base, publisher, "sport");
        String middle = store("Middle report on the harbour", base.plusSeconds(60), publisher, "sport");
        store("Middle report on the weather", base.plusSeconds(90), publisher, "weather");
        String newest = store("Newest report on the harbour", base.plusSeconds(120), publisher, "sport");

        tools.jackson.databind.JsonNode first = JSON.readTree(http.get()
                .uri("/api/articles?publisher={p}&category=Sport&keyword=harbour&size=2", publisher).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(first.get("items")).extracting(item -> item.get("id").asString()).containsExactly(newest, middle);
        String next = first.get("nextCursor").asString();
        // A newer article arrives between the pages: the second page is unaffected.
        store("Latest report on the harbour", base.plusSeconds(180), publisher, "sport");

        http.get().uri("/api/articles?publisher={p}&category=Sport&keyword=harbour&size=2&cursor={c}", publisher, next).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(oldest)
                .jsonPath("$.nextCursor").doesNotExist();
    }

    @Test
    void relatedPostsAndCategoryCountsCanBeRead() {
        String id = store("Cup final tickets sell out", Instant.parse("2026-11-20T10:00:00Z"));

        http.get().uri("/api/articles/{id}/related", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].id").isEqualTo("earlier-report")
                .jsonPath("$[0].score").isEqualTo(0.5)
                .jsonPath("$[0].reasons[0]").isEqualTo("shared terms: cup, final");
        http.get().uri("/api/articles/{id}/related", "no-such-article").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        long stored = mongo.getCollection("articles").flatMap(c -> Mono.from(c.countDocuments(
                new Document("categories.code", "medtop:15000000")))).block();
        // Counts are at most category-counts.refresh old.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get().uri("/api/categories").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult().getResponseBody())
                .anySatisfy(count -> {
                    assertThat(count).containsEntry("taxonomy", "iptc").containsEntry("code", "medtop:15000000")
                            .containsEntry("label", "sport");
                    assertThat(((Number) count.get("count")).longValue()).isEqualTo(stored);
                }));
    }

    @Test
    void badListParametersAreBadRequestProblemsNamingTheParameter() {
        for (String query : List.of("size=0", "size=101", "size=ten", "cursor=not-a-cursor!")) {
            http.get().uri("/api/articles?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.parameter").isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void enrichedArticlesArriveOnServerSentEventsWithTypeAndId() {
        Flux<ServerSentEvent<ArticleView>> stream = client().get().uri("/api/articles/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToFlux(response -> {
                    assertThat(response.headers().contentType()).hasValueSatisfying(
                            type -> assertThat(type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).isTrue());
                    return response.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<ArticleView>>() { });
                });
        Queue<ServerSentEvent<ArticleView>> received = new ConcurrentLinkedQueue<>();
        Disposable subscription = stream.subscribe(received::add);
        try {
            awaitStreamIsLive(() -> received.stream().noneMatch(e -> e.data() != null));
            ArticleEnriched article = enriched("Storm closes schools across the north");

            publish(article);

            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(e -> e.data() != null && e.data().id().equals(article.articleId())));
            ServerSentEvent<ArticleView> event = received.stream().filter(e -> e.data() != null && e.data().id().equals(article.articleId())).findFirst().orElseThrow();
            assertThat(event.event()).isEqualTo("article");
            assertThat(event.id()).as("the subscriber's position: partition:offset pairs").matches("\\d+:\\d+(,\\d+:\\d+)*");
            assertThat(event.data().title()).isEqualTo("Storm closes schools across the north");
            assertThat(event.data().categories()).extracting(ArticleView.Category::code).containsExactly("medtop:17000000");
            String metrics = Actuator.prometheus(http);
            assertThat(Actuator.value(metrics, "newsflow_stream_subscribers")).isGreaterThanOrEqualTo(1);
            assertThat(Actuator.value(metrics, "newsflow_articles_published_total")).isGreaterThanOrEqualTo(1);
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void theStreamIsFilteredTellsNewFromUpdatedArticlesAndSendsHeartbeats() {
        String marker = "Zephyrine" + UUID.randomUUID().toString().substring(0, 8);
        Flux<ServerSentEvent<ArticleView>> stream = client().get()
                .uri("/api/articles/stream?category=Weather&keyword={marker}&language=en&publisher=daily-example", marker)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<ArticleView>>() { });
        Queue<ServerSentEvent<ArticleView>> received = new ConcurrentLinkedQueue<>();
        Disposable subscription = stream.subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                publish(enriched("Probe " + marker));
                return received.stream().anyMatch(e -> e.data() != null);
            });
            ArticleEnriched otherCategory = enriched("Storm " + marker + " in the league", "medtop:15000000", "sport", ArticleEnriched.Change.CREATED);
            ArticleEnriched otherWords = enriched("Storm without the word", "medtop:17000000", "weather", ArticleEnriched.Change.CREATED);
            ArticleEnriched wanted = enriched("Storm " + marker + " reaches the coast", "medtop:17000000", "weather",
                    ArticleEnriched.Change.CREATED);
            ArticleEnriched update = ArticleBuilder.article(wanted.articleId()).version(8).title(wanted.title() + " tonight")
                    .publishedAt(wanted.publishedAt()).language("en-GB").categories(wanted.categories())
                    .change(ArticleEnriched.Change.NEW_VERSION).build();
            // One partition, so that the wanted articles arrive after the unwanted ones were filtered out.
            for (ArticleEnriched article : List.of(otherCategory, otherWords, wanted, update)) {
                producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_ENRICHED, 0, article.articleId(), ArticleEventJson.write(article)));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(e -> e.data() != null && e.data().version() == 8));
            List<ServerSentEvent<ArticleView>> articles = received.stream()
                    .filter(e -> e.data() != null && !e.data().title().startsWith("Probe")).toList();
            assertThat(articles).extracting(ServerSentEvent::event, e -> e.data().version()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("article", 7L),
                    org.assertj.core.groups.Tuple.tuple("article-updated", 8L));
            assertThat(articles.get(1).data().change()).isEqualTo("new-version");
            await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().anyMatch(e -> "heartbeat".equals(e.comment())));
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void aClientThatKeepsReconnectingWithLastEventIdGetsEveryEventExactlyOnceWhileArticlesKeepArriving() throws Exception {
        String marker = "Resume" + UUID.randomUUID().toString().substring(0, 8);
        // The first connection: live once a probe comes through; its id is where the next connection resumes.
        String lastId = null;
        while (lastId == null) {
            publish(enriched("Probe " + marker));
            List<ServerSentEvent<ArticleView>> probes = connection(marker, null, 1);
            lastId = probes.isEmpty() ? null : probes.get(probes.size() - 1).id();
        }
        int total = 300;
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add(enriched("Report " + i + " " + marker).articleId());
        }
        java.util.concurrent.ExecutorService newsroom = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> sending = newsroom.submit(() -> {
            for (int i = 0; i < total; i++) {
                publish(ArticleBuilder.article(expected.get(i)).title("Report " + i + " " + marker)
                        .iptc("medtop:17000000", "weather", 0.7).build());
                if (i % 25 == 0) {
                    producer.flush();
                }
            }
            producer.flush();
        });

        List<String> received = new java.util.ArrayList<>();
        int connections = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (received.size() < total && System.nanoTime() < deadline) {
            // Each connection takes up to 20 events (or what comes within a few seconds), then disconnects.
            List<ServerSentEvent<ArticleView>> events = connection(marker, lastId, 20);
            connections++;
            events.stream().filter(event -> !event.data().title().startsWith("Probe"))
                    .forEach(event -> received.add(event.data().id()));
            if (!events.isEmpty()) {
                lastId = events.get(events.size() - 1).id();
            }
        }
        sending.get();
        newsroom.shutdown();

        System.out.printf("resume: %d events over %d connections%n", received.size(), connections);
        assertThat(connections).isGreaterThan(5);
        assertThat(received).as("every event once, in no particular order across partitions").hasSize(total)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<ServerSentEvent<ArticleView>> connection(String keyword, String lastEventId, int events) {
        return client().get().uri("/api/articles/stream?keyword={keyword}", keyword)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<ArticleView>>() { })
                .filter(event -> event.data() != null)
                .take(events)
                .take(Duration.ofSeconds(3))
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    @Test
    void streamedEventsAreKeptForResumingOnlyForTheRetentionPeriod() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                mongo.getCollection("stream_events").flatMapMany(c -> c.listIndexes()).collectList().block())
                .anySatisfy(index -> {
                    assertThat(index.getString("name")).isEqualTo("storedAt_ttl");
                    assertThat(index.get("expireAfterSeconds", Number.class).longValue()).isEqualTo(Duration.ofDays(7).toSeconds());
                }));
    }

    @Test
    void aResumeFromAPositionWhoseEventsExpiredIsGoneForSinceAndStartsWithAResetForLastEventId() {
        String marker = "Expired" + UUID.randomUUID().toString().substring(0, 8);
        List<ArticleEnriched> articles = List.of(enriched("First " + marker), enriched("Second " + marker));
        articles.forEach(article -> producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_ENRICHED, 0, article.articleId(),
                ArticleEventJson.write(article))));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> logged(articles.get(1).articleId()) != null);
        long first = logged(articles.get(0).articleId()).get("offset", Number.class).longValue();
        // MongoDB's TTL monitor dropped the first of them.
        mongo.getCollection("stream_events").flatMap(c -> Mono.from(c.deleteOne(new Document("_id", "0:" + first)))).block();
        String before = "0:" + (first - 1);

        http.get().uri("/api/articles/stream?since={since}", before).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isEqualTo(410)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.since").isEqualTo(before);
        ServerSentEvent<String> reset = client().get().uri("/api/articles/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", before)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .filter(event -> event.event() != null)
                .blockFirst(Duration.ofSeconds(30));
        assertThat(reset.event()).isEqualTo("reset");
        assertThat(reset.id()).as("where the stream continues").matches("\\d+:\\d+(,\\d+:\\d+)*");
        assertThat(reset.data()).contains("no longer kept");
    }

    @Test
    void aKeywordIsAtMost200CharactersWithALetterOrDigit() {
        for (String path : List.of("/api/articles?keyword={k}", "/api/articles/stream?keyword={k}")) {
            for (String keyword : List.of("x".repeat(201), "!!!")) {
                http.get().uri(path, keyword).exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.parameter").isEqualTo("keyword");
            }
        }
        http.get().uri("/api/articles?keyword={k}", "x".repeat(200)).exchange().expectStatus().isOk();
    }

    @Test
    void everyReadIsBoundedByMaxTimeAndAKeywordIsLookedUpByItsWords() {
        String id = store("Harbour cranes return", Instant.parse("2026-11-20T10:00:00Z"));
        RecordedCommands.commands.clear();

        http.get().uri("/api/articles/{id}", id).exchange().expectStatus().isOk();
        http.get().uri("/api/articles?keyword=cranes&keyword=harbour cranes").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(id);
        http.get().uri("/api/categories").exchange().expectStatus().isOk();

        List<BsonDocument> reads = RecordedCommands.commands.stream()
                .filter(command -> command.containsKey("find") || command.containsKey("aggregate")).toList();
        assertThat(reads).isNotEmpty().allSatisfy(command -> assertThat(command.containsKey("maxTimeMS"))
                .as("maxTimeMS in %s", command.toJson()).isTrue());
        assertThat(reads).filteredOn(command -> "articles".equals(command.getString("find", new BsonString("")).getValue())
                        && command.toJson().contains("cranes"))
                .singleElement()
                .satisfies(command -> assertThat(command.getDocument("filter").toJson()).contains("\"words\""));
    }

    @Test
    void categoryCountsAreNotRecountedForEveryRequest() {
        store("Cup final tickets sell out", Instant.parse("2026-11-20T10:00:00Z"));
        RecordedCommands.commands.clear();

        for (int i = 0; i < 10; i++) {
            http.get().uri("/api/categories").exchange().expectStatus().isOk();
        }

        assertThat(RecordedCommands.commands).filteredOn(command -> command.containsKey("aggregate")
                && "articles".equals(command.get("aggregate").asString().getValue())).hasSizeLessThan(3);
    }

    private Document logged(String articleId) {
        return mongo.getCollection("stream_events")
                .flatMap(c -> Mono.from(c.find(new Document("article.articleId", articleId)).first())).block();
    }

    @Test
    void aMalformedLastEventIdIsABadRequest() {
        http.get().uri("/api/articles/stream").accept(MediaType.TEXT_EVENT_STREAM).header("Last-Event-ID", "yesterday")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).contains("partition:offset"));
    }

    @Test
    void enrichedArticlesArriveAsNdjsonLines() {
        Flux<ArticleView> stream = client().get().uri("/api/articles/stream").accept(MediaType.APPLICATION_NDJSON)
                .exchangeToFlux(response -> {
                    assertThat(response.headers().contentType()).hasValueSatisfying(
                            type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_NDJSON)).isTrue());
                    return response.bodyToFlux(ArticleView.class);
                });
        Queue<ArticleView> received = new ConcurrentLinkedQueue<>();
        Disposable subscription = stream.subscribe(received::add);
        try {
            awaitStreamIsLive(received::isEmpty);
            ArticleEnriched article = enriched("Heatwave warning for the weekend");

            publish(article);

            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(a -> a.id().equals(article.articleId())));
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void readinessReflectsKafkaAndMongo() {
        Actuator.expectReady(http, "binders", "mongo");
    }

    // A streaming response is committed with its first element, so subscribe lazily, as a real client does.
    private WebClient client() {
        return WebClient.create("http://localhost:" + port);
    }

    // The stream's consumer starts at the latest offset once it has partitions; probes show when that happened.
    private static void awaitStreamIsLive(java.util.function.BooleanSupplier nothingReceived) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(enriched("probe"));
            return !nothingReceived.getAsBoolean();
        });
    }

    private static void publish(ArticleEnriched article) {
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), ArticleEventJson.write(article)));
    }

    private static ArticleEnriched enriched(String title) {
        return enriched(title, "medtop:17000000", "weather", ArticleEnriched.Change.CREATED);
    }

    private static ArticleEnriched enriched(String title, String code, String label, ArticleEnriched.Change change) {
        return ArticleBuilder.article("article-" + UUID.randomUUID()).version(7).title(title).iptc(code, label, 0.7)
                .relatedPost("other", "Other", 0.4, "shared terms: storm").keywords("storm").bodyHtml("<p>Body</p>")
                .photoCredits("Photo: Ann Lens/Example Wire").change(change).build();
    }

    private String store(ArticleEnriched article) {
        mongo.getCollection(ArticleDocument.COLLECTION).flatMap(c -> Mono.from(c.insertOne(ArticleDocument.of(article)))).block();
        return article.articleId();
    }

    private String store(String title, Instant publishedAt) {
        return store(title, publishedAt, "daily-example", "sport");
    }

    /** Stores an article as enrichment-service does. */
    private String store(String title, Instant publishedAt, String publisher, String iptcLabel) {
        String id = "article-" + UUID.randomUUID();
        String code = iptcLabel.equals("sport") ? "medtop:15000000" : "medtop:17000000";
        ArticleEnriched article = ArticleBuilder.article(id).version(3).publisher(publisher).url("https://daily.example/" + id)
                .title(title).author("Sam Reporter").source("Example Wire").publishedAt(publishedAt)
                .iptc(code, iptcLabel, 0.8).relatedPost("earlier-report", "Earlier report", 0.5, "shared terms: cup, final")
                .keywords("cup", "final").submittedAt(publishedAt).enrichedAt(publishedAt)
                .build();
        mongo.getCollection(ArticleDocument.COLLECTION).flatMap(c -> Mono.from(c.insertOne(ArticleDocument.of(article)))).block();
        return id;
    }
}
