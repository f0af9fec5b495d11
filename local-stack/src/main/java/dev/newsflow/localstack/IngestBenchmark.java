package dev.newsflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast ingest-service takes articles, against what the broker itself takes. On one fresh in-process KRaft
 * broker (and mongo-java-server for ingest's version ledger) it runs ingest-service from its jar with
 * {@code -Xmx256m}, warms every path up ({@code --warmup}, 100,000 articles: on two cores the JIT takes that long to
 * settle on a Spring service's hot code, and measures before that mostly measured the compiler) and measures, for
 * {@code N} articles (60,000; 2,000 for the one-per-request path, fifty times slower):
 * <ol>
 * <li>the raw Kafka producer (acks=all, idempotent) sending the submitted-article events;</li>
 * <li>{@code POST /api/articles}, one article per request, from several clients;</li>
 * <li>{@code POST /api/articles} with NDJSON batches.</li>
 * </ol>
 * It also samples ingest's heap through {@code /actuator/prometheus}. Run it with
 * {@code ./mvnw -q -DskipTests package && java -jar local-stack/target/newsflow-local-benchmark.jar}
 * (options: {@code --articles=N --single-articles=N --clients=C --batch-size=B --batch-clients=K --warmup=N}, and
 * {@code --jvm-option=OPTION} for ingest-service's JVM, e.g. to try another collector).
 */
public final class IngestBenchmark {

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

    private IngestBenchmark(String ingest, String apiKey) {
        this.ingest = ingest;
        this.apiKey = apiKey;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new LinkedHashMap<>(Map.of("articles", 60_000, "single-articles", 2_000,
                "clients", 16, "batch-size", 1_000, "batch-clients", 4, "warmup", 100_000));
        // The memory backend by default: the stand-in closest to a MongoDB on its own machine. The H2 backends are
        // what the local stack persists to, and their cost lands on this JVM, beside the broker and the clients.
        String ledger = "memory";
        String profile = null;
        List<String> extraJvmOptions = new ArrayList<>();
        for (String arg : args) {
            String name = arg.replaceFirst("^--", "").replaceFirst("=.*$", "");
            String value = arg.substring(arg.indexOf('=') + 1);
            if (name.equals("ledger") && LEDGERS.containsKey(value)) {
                ledger = value;
            }
            else if (name.equals("profile") && arg.contains("=")) {
                profile = value;
            }
            else if (name.equals("jvm-option") && arg.contains("=")) {
                extraJvmOptions.add(value);
            }
            else if (!options.containsKey(name) || !arg.contains("=")) {
                System.err.println("Options: --articles=N --single-articles=N --clients=C --batch-size=B --batch-clients=K --warmup=N "
                        + "--ledger=h2-file|h2-memory|memory --profile=FILE.jfr --jvm-option=OPTION (for ingest-service; repeatable)");
                System.exit(2);
            }
            else {
                options.put(name, Integer.parseInt(value));
            }
        }
        int articles = options.get("articles");
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
        jvmOptions.addAll(extraJvmOptions);
        if (profile != null) {
            // Reactive stacks are deep: the default 64 frames would cut off what a sample was working for.
            jvmOptions.addAll(List.of("-XX:FlightRecorderOptions:stackdepth=256",
                    "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(profile).toAbsolutePath()));
        }
        Path data = Files.createTempDirectory("newsflow-benchmark");
        String apiKey = UUID.randomUUID().toString();
        int port = freePort();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(data.resolve("kafka"), freePort(), freePort(), 6);
                Ledger mongo = Ledger.start(ledger, data.resolve("mongo"), freePort());
                ServiceProcess service = ServiceProcess.start("ingest-service",
                        LaunchOptions.defaults().servicesDirectory().resolve("ingest-service.jar"), port,
                        jvmOptions, Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                                "MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", "benchmark",
                                "INGEST_API_KEYS", "benchmark=" + LocalApiKey.sha256(apiKey),
                                "INGEST_RATE_LIMIT_PER_SECOND", "1000000", "INGEST_RATE_LIMIT_BURST", "1000000"),
                        List.of(), line -> { })) {
            service.awaitHealthy(Duration.ofMinutes(3));
            IngestBenchmark benchmark = new IngestBenchmark("http://localhost:" + port, apiKey);
            // Each path is warmed up, so that all three are measured with compiled code rather than while the JIT works.
            int warmup = options.get("warmup");
            System.out.printf("Warming up the raw producer and ingest-service (%d articles)...%n", 2 * warmup + 2_000);
            System.out.printf("%s warm-up: raw producer%n", Instant.now());
            benchmark.rawProducer(broker.bootstrapServers(), warmup);
            System.out.printf("%s warm-up: POST one article per request%n", Instant.now());
            benchmark.single("warmup", 2_000, options.get("clients"));
            System.out.printf("%s warm-up: POST NDJSON batches%n", Instant.now());
            benchmark.batches("warmup-batch", warmup, options.get("batch-size"), options.get("batch-clients"));

            // The broker and the ledger run in this JVM: with --profile it is recorded too, next to ingest's file.
            Recording recording = profile == null ? null : new Recording(Configuration.getConfiguration("profile"));
            if (recording != null) {
                recording.start();
            }
            HeapSampler heap = new HeapSampler("http://localhost:" + port);
            System.out.printf("%s raw producer%n", Instant.now());
            Cpu started = Cpu.now();
            double rawBefore = benchmark.rawProducer(broker.bootstrapServers(), articles);
            Cpu rawCpu = Cpu.now().minus(started);
            System.out.printf("%s POST one article per request%n", Instant.now());
            started = Cpu.now();
            int singleArticles = options.get("single-articles") < 0 ? articles : options.get("single-articles");
            double single = benchmark.single("single", singleArticles, options.get("clients"));
            Cpu singleCpu = Cpu.now().minus(started);
            System.out.printf("%s POST NDJSON batches%n", Instant.now());
            started = Cpu.now();
            double batch = benchmark.batches("batch", articles, options.get("batch-size"), options.get("batch-clients"));
            Cpu batchCpu = Cpu.now().minus(started);
            System.out.printf("%s raw producer again%n", Instant.now());
            double rawAfter = benchmark.rawProducer(broker.bootstrapServers(), articles);
            System.out.printf("%s done%n", Instant.now());
            // Other work on the machine slows a run now and then: the goal is judged against the faster raw figure.
            double raw = Math.max(rawBefore, rawAfter);
            if (recording != null) {
                recording.dump(Path.of(profile.replaceFirst("(\\.jfr)?$", "-benchmark.jfr")));
                recording.close();
            }
            long heapBytes = heap.stop();

            System.out.printf("%nIngest benchmark: %d articles per run, %d POST clients, NDJSON batches of %d from %d clients%n",
                    articles, options.get("clients"), options.get("batch-size"), options.get("batch-clients"));
            System.out.printf("Version ledger: %s%n", LEDGERS.get(ledger));
            System.out.printf("| path | articles/s | vs raw producer | CPU per article: ingest-service | CPU per article: "
                    + "this JVM (broker, ledger, clients) |%n|---|---|---|---|---|%n");
            System.out.printf("| raw Kafka producer (acks=all, idempotent; the faster of %,.0f before and %,.0f after) | %,.0f "
                    + "| 100%% | %s |%n", rawBefore, rawAfter, raw, rawCpu.perArticle(articles));
            System.out.printf("| POST, one article per request | %,.0f | %.0f%% | %s |%n", single, 100 * single / raw,
                    singleCpu.perArticle(singleArticles));
            System.out.printf("| POST, NDJSON batches | %,.0f | %.0f%% | %s |%n", batch, 100 * batch / raw,
                    batchCpu.perArticle(articles));
            System.out.printf("(CPU is what each process used during the run, whatever else the machine was doing: the "
                    + "articles/s depend on other load, the CPU per article much less.)%n");
            System.out.printf("ingest-service heap (-Xmx256m): at most %.0f MB used%n", heapBytes / 1e6);
        }
    }

    /** CPU time used so far by ingest-service (this JVM's child) and by this JVM. */
    private record Cpu(Duration ingest, Duration own) {

        static Cpu now() {
            Duration ingest = ProcessHandle.current().children()
                    .filter(child -> child.info().commandLine().orElse("").contains("ingest-service"))
                    .map(child -> child.info().totalCpuDuration().orElse(Duration.ZERO))
                    .reduce(Duration.ZERO, Duration::plus);
            return new Cpu(ingest, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(ingest.minus(earlier.ingest), own.minus(earlier.own));
        }

        String perArticle(int articles) {
            return String.format("%,d µs | %,d µs", ingest.toNanos() / 1_000 / articles, own.toNanos() / 1_000 / articles);
        }
    }

    /**
     * Where ingest's version ledger lives: mongo-java-server on its H2 backend (in a file, as the local stack runs
     * it, or in memory), or on its memory backend, the cheapest stand-in for a MongoDB on its own machine: the H2
     * backend serialises index keys with Java serialisation for every comparison.
     */
    private static final Map<String, String> LEDGERS = Map.of(
            "h2-file", "mongo-java-server 1.47, H2 MVStore backend in a file (as the local stack runs it)",
            "h2-memory", "mongo-java-server 1.47, H2 MVStore backend in memory",
            "memory", "mongo-java-server 1.47, memory backend (the default)");

    /** mongo-java-server's in-memory backend, also answering {@code hello} ({@link HelloCommand}). */
    private static final class HelloAnsweringMemoryBackend extends MemoryBackend {

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return HelloCommand.handle(command, name -> super.handleCommand(channel, database, name, query));
        }
    }

    private interface Ledger extends AutoCloseable {

        String uri();

        @Override
        void close();

        static Ledger start(String kind, Path directory, int port) {
            if (kind.equals("h2-file")) {
                LocalMongo mongo = LocalMongo.start(directory, port);
                return new Ledger() {
                    public String uri() {
                        return mongo.uri();
                    }

                    public void close() {
                        mongo.close();
                    }
                };
            }
            MongoServer server = new MongoServer(kind.equals("memory") ? new HelloAnsweringMemoryBackend()
                    : new HelloAnsweringH2Backend(MVStore.open(null)));
            server.bind("localhost", port);
            return new Ledger() {
                public String uri() {
                    return "mongodb://localhost:" + port;
                }

                public void close() {
                    server.shutdown();
                }
            };
        }
    }

    private double rawProducer(String bootstrapServers, int articles) {
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

    private double single(String run, int articles, int clients) throws Exception {
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

    private double batches(String run, int articles, int batchSize, int clients) throws Exception {
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
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest request) {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
