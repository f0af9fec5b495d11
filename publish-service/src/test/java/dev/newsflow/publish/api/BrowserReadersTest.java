package dev.newsflow.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;
import dev.newsflow.testsupport.KafkaAndMongo;
import dev.newsflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A reader's web app on another origin, and the live page in a real headless Chromium: CORS for reads and streams
 * from anywhere, corrections only from configured origins, and articles whose fields carry script rendered as text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // SHA-256 of "test-key-daily-example"
        "newsflow.publish.api-keys=daily-example=c2b45062290f3665e4db748cc11148f3ac80695363d0711cb8d7ffc724660661",
        "newsflow.publish.cors.correction-origins=https://newsroom.example",
        // Production's heartbeat: a stream must open at once without one.
        "newsflow.publish.stream.heartbeat=15s"})
@AutoConfigureWebTestClient
@KafkaAndMongo
@DirtiesContext
class BrowserReadersTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String READER = "https://reader.example";
    // Each would set window.pwned if any field were ever treated as HTML or a script URL.
    private static final String SCRIPT_TITLE = "<img src=x onerror=\"window.pwned='title'\">Storm <b>warning</b>";
    private static final String SCRIPT_URL = "javascript:window.pwned='url'";

    private static KafkaProducer<String, byte[]> producer;

    @TempDir
    static Path profiles;

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
    void aPageOnAnyOriginMayReadArticlesStreamsAndProblems() {
        http.get().uri("/api/articles?size=1").header(HttpHeaders.ORIGIN, READER).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        http.get().uri("/api/articles/{id}", "no-such-article").header(HttpHeaders.ORIGIN, READER).exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        // A resuming EventSource sends Last-Event-ID, which needs a preflight.
        http.options().uri("/api/articles/stream").header(HttpHeaders.ORIGIN, READER)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "last-event-id")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, allowed -> assertThat(allowed).containsIgnoringCase("last-event-id"));

        ResponseEntity<Flux<DataBuffer>> stream = WebClient.create("http://localhost:" + port).get().uri("/api/articles/stream")
                .header(HttpHeaders.ORIGIN, READER).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().toEntityFlux(DataBuffer.class)
                .block(Duration.ofSeconds(10));
        // The headers are in; the events are not wanted.
        stream.getBody().subscribe().dispose();
        assertThat(stream.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
    }

    /**
     * A reader's EventSource opens (the page says "live") when the response's headers arrive, and they go out with the
     * stream's first write: with no events flowing, that must not wait for the first heartbeat, 15 s away.
     */
    @Test
    void aStreamWithNoEventsFlowingOpensAtOnceWithACommentThatIsNoEvent() {
        String nothing = "Quiet" + UUID.randomUUID().toString().substring(0, 8);

        Flux<String> sse = WebClient.create("http://localhost:" + port).get().uri("/api/articles/stream?keyword={nothing}", nothing)
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve().toEntityFlux(DataBuffer.class)
                .flatMapMany(response -> {
                    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
                    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_EVENT_STREAM);
                    return response.getBody();
                })
                .map(frame -> frame.toString(StandardCharsets.UTF_8));

        StepVerifier.create(sse.take(1))
                .assertNext(first -> assertThat(first).as("one comment line: no event, no id").matches(":[^\\n]*\\n\\n"))
                .expectComplete()
                .verify(Duration.ofSeconds(2));
    }

    @Test
    void anNdjsonStreamWithNoEventsFlowingAnswersAtOnce() {
        String nothing = "Quiet" + UUID.randomUUID().toString().substring(0, 8);

        Mono<ResponseEntity<Flux<DataBuffer>>> ndjson = WebClient.create("http://localhost:" + port).get()
                .uri("/api/articles/stream?keyword={nothing}", nothing).accept(MediaType.APPLICATION_NDJSON)
                .retrieve().toEntityFlux(DataBuffer.class);

        StepVerifier.create(ndjson)
                .assertNext(response -> {
                    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
                    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_NDJSON);
                    response.getBody().subscribe().dispose();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(2));
    }

    @Test
    void onlyAConfiguredOriginMaySendCorrectionsFromABrowser() {
        http.options().uri("/api/articles/{id}/categories", "any").header(HttpHeaders.ORIGIN, READER)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PUT")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.put().uri("/api/articles/{id}/categories", "any").header(HttpHeaders.ORIGIN, READER)
                .header(HttpHeaders.AUTHORIZATION, "Bearer test-key-daily-example").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categories", List.of("Weather")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);

        http.options().uri("/api/articles/{id}/categories", "any").header(HttpHeaders.ORIGIN, "https://newsroom.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PUT")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://newsroom.example")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("PUT"));
        // The newsroom's page can read why it was refused.
        http.put().uri("/api/articles/{id}/categories", "any").header(HttpHeaders.ORIGIN, "https://newsroom.example")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("categories", List.of("Weather")))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://newsroom.example");
        // Other writes are for no origin at all.
        http.options().uri("/api/articles").header(HttpHeaders.ORIGIN, READER)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theLivePageAndTheApiAnswerWithAContentSecurityPolicyThatAllowsNoInlineScript() {
        for (String path : List.of("/", "/api/articles?size=1")) {
            http.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                            .contains("default-src 'none'", "script-src 'self'", "require-trusted-types-for 'script'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"))
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        }
    }

    /**
     * Articles whose every text field carries HTML or script, and whose URLs are {@code javascript:} URLs, shown by
     * the live page in headless Chromium, from the list (MongoDB) and from the stream (Kafka): all text, no element
     * made from them, no link but http(s), nothing run. A withdrawal takes the article off the page.
     */
    @Test
    void anArticleCarryingScriptIsShownAsTextInChromiumFromTheListAndTheStreamAndAWithdrawalRemovesIt() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        String stored = store(hostile("article-" + UUID.randomUUID()));
        WebDriver browser = headlessChromium();
        try {
            browser.get("http://localhost:" + port + "/");
            // Live at once, not at the first heartbeat (15 s).
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("status")).getText().equals("live"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(item(stored)).isEmpty());
            // The stream's consumer takes the newest offset once it has partitions: probes show when that happened.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                ArticleEnriched probe = probe();
                publish(probe);
                return !browser.findElements(item(probe.articleId())).isEmpty();
            });

            ArticleEnriched streamed = hostile("article-" + UUID.randomUUID());
            publish(streamed);

            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(item(streamed.articleId())).isEmpty());
            for (String id : List.of(stored, streamed.articleId())) {
                WebElement shown = browser.findElement(item(id));
                assertThat(shown.findElement(By.className("title")).getText()).isEqualTo(SCRIPT_TITLE);
                assertThat(shown.findElement(By.className("title")).getTagName()).as("no link for a javascript: URL").isEqualTo("span");
                assertThat(shown.findElement(By.className("meta")).getText()).contains("<script>window.pwned='author'</script>");
                assertThat(shown.findElement(By.className("lead")).getText()).isEqualTo("<svg onload=\"window.pwned='body'\"></svg>");
                assertThat(shown.findElements(By.className("chip"))).extracting(WebElement::getText)
                        .containsExactly("<iframe src=\"javascript:window.pwned='chip'\"></iframe>");
                assertThat(shown.findElements(By.cssSelector("img, svg, script, iframe, b"))).as("elements made from text").isEmpty();
                assertThat(shown.findElements(By.tagName("a"))).extracting(link -> link.getDomProperty("href")).containsExactly(
                        "http://localhost:" + port + "/api/articles/related-" + id, "https://daily.example/safe-related");
            }
            assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);

            publish(streamed.withdrawnAs(2, Instant.now()));

            await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElements(item(streamed.articleId())).isEmpty());
            assertThat(browser.findElements(item(stored))).as("the other article stays").hasSize(1);
        }
        finally {
            browser.quit();
        }
    }

    private static By item(String id) {
        return By.cssSelector("li.article[data-id='" + id + "']");
    }

    private static ArticleEnriched hostile(String id) {
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, id, 1, "daily-example", null, SCRIPT_URL, SCRIPT_TITLE,
                "<svg onload=\"window.pwned='body'\"></svg>", "<script>window.pwned='author'</script>", null,
                Instant.now(), "en",
                List.of(new CategoryAssignment(CategoryAssignment.PUBLISHER, "x", "<iframe src=\"javascript:window.pwned='chip'\"></iframe>",
                        1.0, CategoryAssignment.Origin.PUBLISHER)),
                List.of(new RelatedPost("related-" + id, "<b>Related</b>", "javascript:window.pwned='related'", 0.5, List.of()),
                        new RelatedPost("safe-" + id, "Safe related", "https://daily.example/safe-related", 0.4, List.of())),
                List.of(), Instant.now(), Instant.now(), null, List.of(), null, ArticleEnriched.Change.CREATED);
    }

    private static ArticleEnriched probe() {
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, "probe-" + UUID.randomUUID(), 1, "daily-example", null,
                null, "Probe", "Probe", null, null, Instant.now(), "en", List.of(), List.of(), List.of(), Instant.now(),
                Instant.now(), null, List.of(), null, ArticleEnriched.Change.CREATED);
    }

    private static void publish(ArticleEnriched article) {
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), ArticleEventJson.write(article)));
        producer.flush();
    }

    /** Stores the article as enrichment-service would, for the page's first list. */
    private String store(ArticleEnriched article) {
        Document document = new Document("_id", article.articleId()).append("version", article.version())
                .append("publisher", article.publisher()).append("url", article.url()).append("title", article.title())
                .append("body", article.body()).append("author", article.author())
                .append("publishedAt", Date.from(article.publishedAt())).append("language", article.language())
                .append("categories", article.categories().stream().map(category -> new Document("taxonomy", category.taxonomy())
                        .append("code", category.code()).append("label", category.label())
                        .append("confidence", category.confidence()).append("origin", category.origin().name())).toList())
                .append("relatedPosts", article.relatedPosts().stream().map(post -> new Document("articleId", post.articleId())
                        .append("title", post.title()).append("url", post.url()).append("score", post.score())
                        .append("reasons", post.reasons())).toList())
                .append("enrichedAt", Date.from(article.enrichedAt()));
        mongo.getCollection("articles").flatMap(c -> Mono.from(c.insertOne(document))).block();
        return article.articleId();
    }

    // Flags as in local-stack's live page test: without the background-networking ones Chromium keeps dialling out.
    private static WebDriver headlessChromium() {
        Path profile;
        try {
            profile = Files.createTempDirectory(profiles, "chromium");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }
}
