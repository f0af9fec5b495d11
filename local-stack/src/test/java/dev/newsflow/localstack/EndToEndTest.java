package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

/**
 * The local stack as the README runs it: its own KRaft broker and MongoDB endpoint keeping their data in a directory,
 * the three services each in its own JVM from its runnable jar. An article POSTed to ingest appears enriched on
 * publish's SSE stream, through GET /api/articles/{id} and on the live page; one article sent as JSON fields, as its
 * copied page text and as its HTML page comes out clean and known as one article; and the articles, like the API key,
 * are still there after the stack is stopped and started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // Words a key phrase neither begins nor ends with: articles, prepositions, conjunctions, pronouns, auxiliaries, modals.
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "of", "in", "on", "at", "to", "for", "from",
            "by", "with", "about", "over", "into", "and", "or", "but", "as", "that", "this", "these", "those", "which", "who",
            "it", "its", "they", "their", "he", "his", "she", "her", "we", "is", "are", "was", "were", "be", "been", "has",
            "have", "had", "do", "does", "did", "not", "no", "would", "will", "could", "should", "may", "might", "must", "can",
            "shall");

    @TempDir
    static Path data;

    private static LaunchOptions options;
    private static LocalStack stack;
    private static NewsflowClient client;
    private static LaunchOptions.Ports ports;

    @BeforeAll
    static void startServices() {
        // Structured JSON logs, as an operator would switch them on for a log pipeline.
        options = NewsflowClient.testOptions(null, null, data, List.of("-Dlogging.structured.format.console=ecs"));
        stack = LocalStack.start(options, NewsflowClient.logFiles("e2e"));
        client = new NewsflowClient(options.ports(), stack.apiKey());
        ports = options.ports();
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void submittedArticleIsStreamedEnrichedAndCanBeFetched() {
        try (NewsflowClient.StreamSubscription stream = client.stream()) {
            client.awaitLive(stream);

            String externalId = NewsflowClient.uniqueId("e2e");
            Instant submitted = Instant.now();
            String id = client.submitAccepted(NewsflowClient.sportsArticle(externalId));

            await().atMost(Duration.ofSeconds(30)).until(() -> stream.article(id) != null);
            System.out.printf("e2e: article %s on the SSE stream %d ms after the POST%n", id,
                    Duration.between(submitted, stream.arrival(id)).toMillis());
            JsonNode streamed = stream.article(id);
            assertThat(streamed.get("title").asString()).isEqualTo("Late penalty sends United into the cup final");
            assertThat(codes(streamed)).contains("medtop:15000000");
            assertThat(streamed.get("photoCredits").get(0).asString()).isEqualTo("Photo: Ann Lens/Example Wire");
            assertThat(streamed.get("body").asString()).doesNotContain("Ann Lens");

            HttpResponse<String> fetched = client.article(id);
            assertThat(fetched.statusCode()).isEqualTo(200);
            JsonNode stored = NewsflowClient.JSON.readTree(fetched.body());
            assertThat(stored.get("id").asString()).isEqualTo(id);
            assertThat(stored.get("author").asString()).isEqualTo("Sam Reporter");
            assertThat(codes(stored)).contains("medtop:15000000");

            Map<String, String> traceIds = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (String service : List.of("ingest-service", "enrichment-service", "publish-service")) {
                    traceIdLogged(service, id).ifPresent(traceId -> traceIds.put(service, traceId));
                }
                return traceIds.size() == 3;
            });
            System.out.printf("e2e: article %s has trace id %s in the JSON logs of %s%n", id, traceIds.values(), traceIds.keySet());
            assertThat(new HashSet<>(traceIds.values())).as("trace ids of the article's path").hasSize(1);

            // An editor corrects the categories: the article comes out on the stream again, corrected.
            HttpResponse<String> correction = client.correctCategories(id, List.of("Football"));
            assertThat(correction.statusCode()).as(correction.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.article(id).hasNonNull("categoriesCorrectedAt"));
            JsonNode corrected = stream.article(id);
            assertThat(corrected.get("categories")).anySatisfy(category -> {
                assertThat(category.get("label").asString()).isEqualTo("Football");
                assertThat(category.get("origin").asString()).isEqualTo("publisher");
            });
            assertThat(codes(NewsflowClient.JSON.readTree(client.article(id).body()))).contains("football");
        }
    }

    /**
     * publish-service's page at {@code /} in a real headless Chromium: an article POSTed to ingest arrives live at
     * the top with its category chips, and clicking a chip filters the page by that category.
     */
    @Test
    @Order(2)
    void theLivePageShowsANewArticleAtTheTopWithItsCategoriesAndFiltersByCategory() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        try (NewsflowClient.StreamSubscription stream = client.stream()) {
            client.awaitLive(stream);
        }
        WebDriver browser = headlessChromium(Files.createTempDirectory(data, "chromium"));
        try {
            browser.get("http://localhost:" + ports.publish() + "/");
            // Live at once with production's 15 s heartbeat: the stream's first write is not a heartbeat.
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("status")).getText().equals("live"));
            List<String> before = browser.findElements(By.cssSelector("li.article")).stream()
                    .map(item -> item.getAttribute("data-id")).toList();

            String id = client.submitAccepted(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("page")));

            By article = By.cssSelector("li.article[data-id='" + id + "']");
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(article).isEmpty());
            List<String> shown = browser.findElements(By.cssSelector("li.article")).stream()
                    .map(item -> item.getAttribute("data-id")).toList();
            assertThat(shown.indexOf(id)).as("above every article that was there before")
                    .isLessThan(before.stream().mapToInt(shown::indexOf).filter(index -> index >= 0).min().orElse(Integer.MAX_VALUE));
            WebElement item = browser.findElement(article);
            assertThat(item.findElement(By.className("title")).getText()).isEqualTo("Late penalty sends United into the cup final");
            assertThat(item.findElements(By.className("chip"))).extracting(WebElement::getText).contains("sport");

            item.findElements(By.className("chip")).stream().filter(chip -> chip.getText().equals("sport")).findFirst()
                    .orElseThrow().click();
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().endsWith("?category=medtop%3A15000000")
                    && !browser.findElements(article).isEmpty());
            assertThat(browser.findElements(By.cssSelector("li.article"))).allSatisfy(shownItem ->
                    assertThat(shownItem.findElements(By.cssSelector(".chip[data-code='medtop:15000000']"))).isNotEmpty());

            screenshotOfThePageWithAStoryAndItsRelatedPost(browser);
        }
        finally {
            browser.quit();
        }
    }

    /**
     * The README's picture of the live page: two reports of one story (the second lists the first as related) above
     * an unrelated one. Saved to target/screenshots; with -Dnewsflow.docs.screenshots=true also over
     * docs/images/live-page.png, the picture the README shows.
     */
    private static void screenshotOfThePageWithAStoryAndItsRelatedPost(WebDriver browser) throws IOException {
        browser.get("http://localhost:" + ports.publish() + "/");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("status")).getText().equals("live"));
        String chips = client.submitAccepted(showcaseArticle("chips", "Chip maker's profit doubles on data-centre demand",
                "The chip maker reported quarterly profit twice as high as a year ago, as data-centre operators bought its "
                        + "processors faster than it could make them.\n\nIts shares rose 8% in early trading.",
                "2026-11-24T07:30:00Z", List.of("Business")));
        String first = client.submitAccepted(showcaseArticle("river-1", "River Aire bursts its banks after two days of rain",
                "The River Aire burst its banks in Leeds on Monday after two days of heavy rain, flooding streets near the "
                        + "station.\n\nThe Environment Agency issued three flood warnings and residents were moved to a "
                        + "school hall.", "2026-11-24T08:00:00Z", List.of("Weather")));
        awaitShown(browser, first);
        String second = client.submitAccepted(showcaseArticle("river-2", "Flood warnings stay as River Aire keeps rising",
                "Flood warnings stayed in place along the River Aire on Tuesday as the river kept rising after the heavy "
                        + "rain.\n\nThe Environment Agency said residents near the station in Leeds should not yet return.",
                "2026-11-24T09:15:00Z", List.of()));
        By relatedOfSecond = By.cssSelector("li.article[data-id='" + second + "'] ul.related a");
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(relatedOfSecond).isEmpty());
        awaitShown(browser, chips);
        assertThat(browser.findElements(relatedOfSecond)).extracting(WebElement::getText)
                .contains("River Aire bursts its banks after two days of rain");

        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("live-page.png"), png);
        if (Boolean.getBoolean("newsflow.docs.screenshots")) {
            Files.write(Documentation.ROOT.resolve("docs/images/live-page.png"), png);
        }
    }

    private static void awaitShown(WebDriver browser, String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.cssSelector("li.article[data-id='" + id + "']")).isEmpty());
    }

    private static Map<String, Object> showcaseArticle(String slug, String title, String body, String publishedAt,
            List<String> categories) {
        return Map.of("externalId", NewsflowClient.uniqueId(slug), "url", "https://daily.example/news/" + slug,
                "title", title, "body", body, "author", "Ann Writer", "source", "Example Wire",
                "publishedAt", publishedAt, "language", "en", "categories", categories);
    }

    /**
     * Every curl example of the README and docs/ asks for an endpoint the running services have: a route with
     * that method in the service's OpenAPI description, or else (Actuator) a GET the service does not answer 404.
     */
    @Test
    @Order(3)
    void everyCurlExampleInTheDocsAsksForARealEndpoint() {
        // Documented ports: the services' own, and the management ports of their images (here the service port).
        Map<Integer, Integer> portOf = Map.of(8081, ports.ingest(), 9081, ports.ingest(), 8082, ports.enrichment(),
                9082, ports.enrichment(), 8083, ports.publish(), 9083, ports.publish());
        Map<Integer, JsonNode> apiDocs = Map.of(ports.ingest(), NewsflowClient.get(ports.ingest(), "/v3/api-docs").body(),
                ports.publish(), NewsflowClient.get(ports.publish(), "/v3/api-docs").body()).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> NewsflowClient.JSON.readTree(entry.getValue())));
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Path page : Documentation.pages()) {
            for (Documentation.Request request : Documentation.curlRequests(page)) {
                checked++;
                Integer port = portOf.get(request.port());
                boolean known = port != null && (apiDocs.containsKey(port) && documented(apiDocs.get(port), request)
                        || request.method().equals("GET") && NewsflowClient.get(port, request.path()).statusCode() != 404);
                if (!known) {
                    unknown.add(page.getFileName() + ": " + request.method() + " :" + request.port() + request.path()
                            + "   (" + request.command() + ")");
                }
            }
        }

        assertThat(checked).as("curl examples checked").isGreaterThan(15);
        assertThat(unknown).isEmpty();
    }

    private static boolean documented(JsonNode apiDocs, Documentation.Request request) {
        for (Map.Entry<String, JsonNode> route : apiDocs.path("paths").properties()) {
            String pattern = java.util.Arrays.stream(route.getKey().split("/", -1))
                    .map(segment -> segment.matches("\\{[^}]+}") ? "[^/]+" : java.util.regex.Pattern.quote(segment))
                    .collect(java.util.stream.Collectors.joining("/"));
            if (request.path().matches(pattern) && route.getValue().has(request.method().toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Issue 19's article: a long report on US/Russia military contacts in Syria whose lead comes back further down as
     * a photo caption with its credit, pushed by one publisher three ways: as its CMS's JSON fields, as the page's text
     * as a reader copies it, and as the page itself with the site around it. Each comes out with a politics or
     * conflict topic first, its lead once, the credit apart from the text and clean key phrases; the two pages give
     * their headline, byline, source, section and date; the second and the third are copies of the first.
     */
    @Test
    @Order(4)
    void oneArticleAsJsonFieldsAsCopiedTextAndAsItsPageIsCleanCategorisedAndKnownAsOneArticle() throws IOException {
        String original = client.submitAccepted("application/json", sameArticle("cms-fields.json"));
        JsonNode fromFields = enriched(original);
        String copiedText = client.submitAccepted("text/plain; charset=utf-8", sameArticle("page-text.txt"));
        JsonNode fromText = enriched(copiedText);
        String page = client.submitAccepted("text/html; charset=utf-8", sameArticle("page.html"));
        JsonNode fromPage = enriched(page);

        String lead = "American and Russian military officers have quietly turned a hotline meant only to keep their warplanes"
                + " apart over Syria into a channel for sharing intelligence on Islamic State cells";
        Map<String, JsonNode> forms = new LinkedHashMap<>();
        forms.put("JSON fields", fromFields);
        forms.put("copied text", fromText);
        forms.put("HTML page", fromPage);
        forms.forEach((form, article) -> {
            System.out.printf("same article as %s: key phrases %s, categories %s%n", form, article.get("keyPhrases"),
                    article.get("categories"));
            assertThat(topTopic(article)).as(form).isIn("medtop:11000000", "medtop:16000000");
            String body = article.get("body").asString();
            assertThat(body.split(Pattern.quote(lead), -1)).as("the lead once in the " + form).hasSize(2);
            assertThat(body).as(form).doesNotContain("Nemenov", "Photo credit", "cookies", "newsletter", "Sign up", "Related",
                    "Most read", "Share on");
            assertThat(article.get("photoCredits").valueStream().map(JsonNode::asString)).as(form)
                    .containsExactly("Photo credit: Alexander Nemenov / Pool via EPA / NBC News");
            List<String> phrases = article.get("keyPhrases").valueStream().map(JsonNode::asString).toList();
            assertThat(phrases).as(form).hasSizeGreaterThanOrEqualTo(3).allSatisfy(phrase -> {
                String[] words = phrase.split(" ");
                assertThat(FUNCTION_WORDS).as(phrase).doesNotContain(words[0], words[words.length - 1]);
            });
        });
        for (JsonNode fromAPage : List.of(fromText, fromPage)) {
            assertThat(fromAPage.get("title").asString())
                    .isEqualTo("US and Russian forces quietly widen Syria contacts as Islamic State regroups");
            assertThat(fromAPage.get("author").asString()).isEqualTo("Courtney Hale");
            assertThat(fromAPage.get("source").asString()).isEqualTo("Meridian News");
            assertThat(Instant.parse(fromAPage.get("publishedAt").asString())).isEqualTo(Instant.parse("2026-11-17T18:42:00Z"));
            assertThat(fromAPage.get("categories").valueStream().map(category -> category.get("label").asString()))
                    .contains("World", "Middle East");
            assertThat(fromAPage.get("bodyHtml").asString()).contains("<h2>Doubts in Congress</h2>");
        }
        assertThat(fromPage.get("url").asString())
                .isEqualTo("https://meridian.example/world/middle-east/2026/11/17/us-russia-syria-military-contacts");

        assertThat(fromFields.hasNonNull("duplicateOf")).as("the first is the original").isFalse();
        assertThat(fromText.path("duplicateOf").asString("")).isEqualTo(original);
        assertThat(fromPage.path("duplicateOf").asString("")).isEqualTo(original);
        Set<String> ids = Set.of(original, copiedText, page);
        assertThat(ids).hasSize(3);
        for (String id : ids) {
            JsonNode article = NewsflowClient.JSON.readTree(client.article(id).body());
            assertThat(article.path("relatedPosts").valueStream().map(post -> post.get("id").asString()))
                    .as("related posts of " + id).doesNotContainAnyElementsOf(ids);
        }
    }

    /** The README's promise: the local stack keeps its articles (and its API key) across a stop and a restart. */
    @Test
    @Order(5)
    void articlesSurviveStoppingAndRestartingTheLocalStack() {
        String id = client.submitAccepted(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("restart")));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.article(id).statusCode() == 200);
        String apiKey = stack.apiKey();

        stack.close();
        stack = LocalStack.start(options, NewsflowClient.logFiles("e2e-restarted"));
        client = new NewsflowClient(options.ports(), stack.apiKey());

        assertThat(stack.apiKey()).as("the API key kept in the data directory").isEqualTo(apiKey);
        HttpResponse<String> fetched = client.article(id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode article = NewsflowClient.JSON.readTree(fetched.body());
        assertThat(article.get("title").asString()).isEqualTo("Late penalty sends United into the cup final");
        assertThat(codes(article)).contains("medtop:15000000");
        assertThat(client.submit(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("after-restart"))).statusCode())
                .isEqualTo(202);
    }

    private static String sameArticle(String file) throws IOException {
        try (InputStream in = EndToEndTest.class.getResourceAsStream("/same-article/" + file)) {
            return new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The article {@code id} as publish-service serves it once enrichment is done. */
    private static JsonNode enriched(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> client.article(id).statusCode() == 200);
        return NewsflowClient.JSON.readTree(client.article(id).body());
    }

    /** The code of the article's top-level IPTC Media Topic with the highest confidence. */
    private static String topTopic(JsonNode article) {
        return article.get("categories").valueStream()
                .filter(category -> category.get("code").asString().matches("medtop:\\d{2}000000"))
                .max(Comparator.comparingDouble(category -> category.get("confidence").asDouble()))
                .map(category -> category.get("code").asString()).orElse("none");
    }

    // Flags from this machine's notes: without the background-networking ones Chromium keeps dialling out.
    private static WebDriver headlessChromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--window-size=1280,960", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The trace id of the first JSON log line of {@code service} that mentions {@code articleId}. */
    private static Optional<String> traceIdLogged(String service, String articleId) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("target", "stack-logs", "e2e-" + service + ".log"))) {
            return lines.filter(line -> line.startsWith("{") && line.contains(articleId))
                    .map(NewsflowClient.JSON::readTree)
                    .filter(entry -> entry.path("message").asString("").contains(articleId))
                    .map(entry -> entry.path("traceId").asString(null))
                    .filter(Objects::nonNull)
                    .findFirst();
        }
    }

    static List<String> codes(JsonNode article) {
        List<String> codes = new ArrayList<>();
        article.get("categories").forEach(category -> codes.add(category.get("code").asString()));
        return codes;
    }
}
