package dev.newsflow.benchmarks.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** The ingest benchmark's three loads; each returns the articles per second it reached and checks all were accepted. */
final class IngestLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] TOPICS = {
            "United win the cup final after a late penalty. The striker scored from the spot in the last minute.",
            "Parliament passes the budget after a long debate. The government won the vote by twelve seats.",
            "Central bank raises interest rates again as inflation stays above target and markets fall.",
            "Storm brings floods to the coast. Heavy rain and wind closed roads and schools on Monday.",
            "New vaccine trial shows strong results, doctors at the hospital said on Tuesday.",
    };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingest;
    private final String apiKey;

    IngestLoad(String ingest, String apiKey) {
        this.ingest = ingest;
        this.apiKey = apiKey;
    }

    double rawProducer(String bootstrapServers, int articles) {
        // What ingest's producer uses (KafkaPublishing, spring.kafka.producer in its application.yml), so that the
        // baseline is at least as well tuned.
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            events.add(ArticleEventJson.write(event(i)));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(ArticleTopics.ARTICLE_SUBMITTED);
            long started = System.nanoTime();
            for (int i = 0; i < articles; i++) {
                producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, "raw-" + i, events.get(i)));
            }
            producer.flush();
            return rate(articles, started);
        }
    }

    double single(String run, int articles, int clients) throws Exception {
        List<String> bodies = payloads(run, articles);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        long started = System.nanoTime();
        inParallel(clients, client -> {
            for (int i = next.getAndIncrement(); i < articles; i = next.getAndIncrement()) {
                HttpResponse<String> response = post("application/json", bodies.get(i));
                if (response.statusCode() == 202) {
                    accepted.incrementAndGet();
                }
            }
            return null;
        });
        double rate = rate(articles, started);
        check(run, accepted.get(), articles);
        return rate;
    }

    double batches(String run, int articles, int batchSize, int clients) throws Exception {
        List<String> bodies = payloads(run, articles);
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < articles; from += batchSize) {
            batches.add(String.join("\n", bodies.subList(from, Math.min(articles, from + batchSize))) + "\n");
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        long started = System.nanoTime();
        inParallel(clients, client -> {
            for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                HttpResponse<String> response = post("application/x-ndjson", batches.get(i));
                accepted.addAndGet((int) response.body().lines().filter(line -> line.contains("\"status\":\"accepted\"")).count());
            }
            return null;
        });
        double rate = rate(articles, started);
        check(run, accepted.get(), articles);
        return rate;
    }

    private HttpResponse<String> post(String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/api/articles"))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** {@code articles} native articles as JSON, each with its own external id and URL for this run. */
    private static List<String> payloads(String run, int articles) {
        List<String> bodies = new ArrayList<>(articles);
        for (int i = 0; i < articles; i++) {
            ArticleSubmitted event = event(i);
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("externalId", run + "-" + i);
            article.put("url", event.url().replace("/raw/", "/" + run + "/"));
            article.put("title", event.title());
            article.put("body", event.body());
            article.put("author", event.author());
            article.put("source", event.source());
            article.put("publishedAt", event.publishedAt().toString());
            article.put("language", "en");
            bodies.add(JSON.writeValueAsString(article));
        }
        return bodies;
    }

    // About 1.5 kB of text, as a short news report.
    private static ArticleSubmitted event(int i) {
        String lead = TOPICS[i % TOPICS.length];
        String body = (lead + " Officials gave more details later in the day. ").repeat(8).strip()
                + "\n\nReport " + i + " continues with reactions from readers and experts.";
        return new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, "raw-" + i, 1, "benchmark", "raw-" + i,
                "https://benchmark.example/raw/" + i, "Report " + i + ": " + lead.substring(0, lead.indexOf('.')), body,
                "Sam Reporter", "Example Wire", Instant.parse("2026-11-25T08:00:00Z"), "en", List.of(), Instant.now(),
                null, List.of());
    }

    private static void inParallel(int threads, IntFunction<Void> work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int client = t;
                running.add(executor.submit(() -> work.apply(client)));
            }
            for (Future<Void> future : running) {
                future.get();
            }
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static void check(String run, int accepted, int articles) {
        if (accepted != articles) {
            throw new IllegalStateException(run + ": only " + accepted + " of " + articles + " articles were accepted");
        }
    }

    private static double rate(int articles, long startedNanos) {
        return articles / ((System.nanoTime() - startedNanos) / 1e9);
    }
}
