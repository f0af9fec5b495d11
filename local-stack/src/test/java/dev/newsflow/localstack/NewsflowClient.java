package dev.newsflow.localstack;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.newsflow.local.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a user of the running stack does: submit articles to ingest, read and stream them from publish. */
final class NewsflowClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * JVM options of every service a test starts: a small heap, the C1 compiler alone and the serial collector (short
     * lives on two shared cores), and no 2 s quiet period for Reactor Netty's event loops once the server has stopped
     * (production keeps it; the tests stop services a dozen times, and nothing runs on those loops by then).
     */
    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dspring.reactor.netty.shutdown-quiet-period=0s");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final LaunchOptions.Ports ports;
    private final String apiKey;

    NewsflowClient(LaunchOptions.Ports ports, String apiKey) {
        this.ports = ports;
        this.apiKey = apiKey;
    }

    /** A football report without categories, as a newsroom CMS would send it. */
    static Map<String, Object> sportsArticle(String externalId) {
        return Map.of(
                "externalId", externalId,
                "url", "https://daily.example/sport/" + externalId,
                "title", "Late penalty sends United into the cup final",
                "body", """
                        A penalty in the last minute of the semi-final sent United into the cup final on Saturday.

                        Photo: Ann Lens/Example Wire

                        The striker scored from the spot after a foul in the box, and the goalkeeper could only watch \
                        as the ball hit the net. The coach praised the team and the fans after the match.

                        United will play the final at the national stadium next month.""",
                "author", "Sam Reporter",
                "source", "Example Wire",
                "publishedAt", "2026-11-20T18:45:00Z",
                "language", "en");
    }

    HttpResponse<String> submit(Map<String, Object> article) {
        return submit("application/json", JSON.writeValueAsString(article));
    }

    /** POSTs {@code body} to ingest as {@code contentType}: JSON fields, or a whole page (text/html, text/plain). */
    HttpResponse<String> submit(String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + ports.ingest() + "/api/articles"))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(10))
                .build();
        return send(request);
    }

    /** Submits {@code article} and returns the id ingest answered with. */
    String submitAccepted(Map<String, Object> article) {
        return accepted(submit(article));
    }

    /** Submits {@code body} as {@code contentType} and returns the id ingest answered with. */
    String submitAccepted(String contentType, String body) {
        return accepted(submit(contentType, body));
    }

    private static String accepted(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new AssertionError("Expected 202 from ingest, got " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asString();
    }

    /** An editor's correction of {@code id}'s categories through publish-service, with the publisher's key. */
    HttpResponse<String> correctCategories(String id, List<String> categories) {
        return send(HttpRequest.newBuilder(URI.create(publish("/api/articles/" + id + "/categories")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("categories", categories))))
                .timeout(Duration.ofSeconds(10))
                .build());
    }

    HttpResponse<String> article(String id) {
        return send(HttpRequest.newBuilder(URI.create(publish("/api/articles/" + id))).timeout(Duration.ofSeconds(10)).build());
    }

    /** Opens the SSE stream; received articles are collected by id until the subscription is closed. */
    StreamSubscription stream() {
        return stream(new StreamSubscription(), null);
    }

    /**
     * Reconnects as a browser's EventSource does: {@code Last-Event-ID} is the id of the last event {@code earlier}
     * received before it was closed, and what arrives is collected with what {@code earlier} received.
     */
    StreamSubscription resume(StreamSubscription earlier) {
        return stream(earlier.reopened(), earlier.lastEventId());
    }

    private StreamSubscription stream(StreamSubscription subscription, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(publish("/api/articles/stream")))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            subscription.lines = response.body();
            subscription.lines.forEach(subscription::onLine);
        });
        return subscription;
    }

    /**
     * Waits until {@code stream} receives live events. publish-service's stream consumer starts at the latest
     * offset once its partitions are assigned; probe articles tell when that has happened.
     */
    void awaitLive(StreamSubscription stream) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            submitAccepted(sportsArticle(uniqueId("probe")));
            return !stream.isEmpty();
        });
    }

    private String publish(String path) {
        return "http://localhost:" + ports.publish() + path;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A plain GET of {@code path} on {@code localhost:port}, e.g. an Actuator endpoint or an OpenAPI description. */
    static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build());
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Writes each service's output to target/stack-logs/{test}-{service}.log. */
    static Function<String, Consumer<String>> logFiles(String test) {
        return service -> {
            try {
                Path directory = Files.createDirectories(Path.of("target", "stack-logs"));
                PrintStream out = new PrintStream(new FileOutputStream(directory.resolve(test + "-" + service + ".log").toFile()),
                        true, StandardCharsets.UTF_8);
                return out::println;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        };
    }

    /** Options for a test stack: free ports, its own database, the services' JIT tuned for a short life. */
    static LaunchOptions testOptions(String kafka, String mongoUri, Path data) {
        return testOptions(kafka, mongoUri, data, List.of());
    }

    /** {@link #testOptions(String, String, Path)} with more JVM options for the services, e.g. system properties. */
    static LaunchOptions testOptions(String kafka, String mongoUri, Path data, List<String> jvmOptions) {
        LaunchOptions defaults = LaunchOptions.defaults();
        List<String> options = new java.util.ArrayList<>(SERVICE_JVM_OPTIONS);
        options.addAll(jvmOptions);
        return new LaunchOptions(kafka, mongoUri, data, uniqueId("e2e").replace('-', '_').substring(0, 20),
                new LaunchOptions.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next()), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), defaults.servicesDirectory(), List.copyOf(options));
    }

    /** The articles an SSE subscriber has received, by id, with the instant each arrived. */
    static final class StreamSubscription implements AutoCloseable {

        private final Map<String, JsonNode> articles;
        private final Map<String, Instant> arrivals;
        private final Map<String, Integer> events;
        private volatile Stream<String> lines;
        private String eventId;
        private String lastEventId;
        private boolean closed;

        StreamSubscription() {
            this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        private StreamSubscription(Map<String, JsonNode> articles, Map<String, Instant> arrivals, Map<String, Integer> events) {
            this.articles = articles;
            this.arrivals = arrivals;
            this.events = events;
        }

        // A new connection that collects into the same maps.
        private StreamSubscription reopened() {
            return new StreamSubscription(articles, arrivals, events);
        }

        /** The id of the last article event received (what a reconnecting EventSource sends as Last-Event-ID). */
        synchronized String lastEventId() {
            return lastEventId;
        }

        // Called on the one thread that reads the response, line by line: "id:", "event:", "data:", "". Nothing
        // counts once the subscription is closed, so that lastEventId is the last event counted.
        private synchronized void onLine(String line) {
            if (closed) {
                return;
            }
            if (line.startsWith("id:")) {
                eventId = line.substring("id:".length()).trim();
            }
            else if (line.startsWith("data:")) {
                JsonNode article = JSON.readTree(line.substring("data:".length()).trim());
                if (!article.hasNonNull("id") || article.has("event")) {
                    // Not an article: the overflow notice that ends a stream, or a reset.
                    return;
                }
                String id = article.get("id").asString();
                arrivals.putIfAbsent(id, Instant.now());
                articles.put(id, article);
                // An event is one state of an article: its version, the correction time if an editor corrected it, and
                // for an update of its related posts, their ids.
                // (The SSE id is the subscriber's stream position, different for every event, so it cannot tell repeats.)
                String related = "related-posts-updated".equals(article.path("change").asString(""))
                        ? article.path("relatedPosts").valueStream().map(post -> post.path("id").asString("")).toList().toString()
                        : "";
                events.merge(id + "|" + article.path("version").asString("") + "|"
                        + article.path("categoriesCorrectedAt").asString("") + "|" + related, 1, Integer::sum);
                lastEventId = eventId;
                eventId = null;
            }
        }

        /** How many events arrived for the articles {@code articleIds}, and how many of those were repeats. */
        int[] eventsAndRepeatsFor(java.util.Set<String> articleIds) {
            int received = 0;
            int repeats = 0;
            for (Map.Entry<String, Integer> event : events.entrySet()) {
                String articleId = event.getKey().substring(0, event.getKey().indexOf('|'));
                if (articleIds.contains(articleId)) {
                    received += event.getValue();
                    repeats += event.getValue() - 1;
                }
            }
            return new int[] {received, repeats};
        }

        /** How often version {@code version} of article {@code articleId} arrived (before any correction). */
        int timesReceived(String articleId, long version) {
            return events.getOrDefault(articleId + "|" + version + "||", 0);
        }

        boolean isEmpty() {
            return articles.isEmpty();
        }

        JsonNode article(String id) {
            return articles.get(id);
        }

        Instant arrival(String id) {
            return arrivals.get(id);
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            Stream<String> open = lines;
            if (open != null) {
                open.close();
            }
        }
    }
}
