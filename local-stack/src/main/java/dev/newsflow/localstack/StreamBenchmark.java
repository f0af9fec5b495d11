package dev.newsflow.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.CategoryAssignment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fan-out of publish-service's SSE stream to many subscribers. On one fresh in-process broker and mongo-java-server
 * it runs publish-service from its jar with {@code -Xmx512m}, opens {@code --subscribers} SSE connections from this
 * JVM, and publishes enriched events at {@code --rate} per second for {@code --seconds}, twice after a warm-up: once
 * as is, once with one more subscriber that connects and never reads. Latency is from the moment an event is sent to the topic
 * (its {@code enrichedAt}) to the moment a subscriber has its line; the heap is sampled from
 * {@code /actuator/prometheus}.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package && java -jar local-stack/target/newsflow-local-stream-benchmark.jar}
 * (options: {@code --subscribers=N --rate=R --seconds=S}).
 */
public final class StreamBenchmark {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final String publish;
    private final List<Subscriber> subscribers = new ArrayList<>();

    private StreamBenchmark(String publish) {
        this.publish = publish;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new java.util.HashMap<>(Map.of("subscribers", 1000, "rate", 100, "seconds", 20));
        for (String arg : args) {
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : "";
            if (!options.containsKey(name)) {
                System.err.println("Options: --subscribers=N --rate=R --seconds=S");
                System.exit(2);
            }
            options.put(name, Integer.parseInt(arg.substring(arg.indexOf('=') + 1)));
        }
        Path data = Files.createTempDirectory("newsflow-stream-benchmark");
        int port = freePort();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(data.resolve("kafka"), freePort(), freePort(), 6);
                LocalMongo mongo = LocalMongo.start(data.resolve("mongo"), freePort());
                ServiceProcess service = ServiceProcess.start("publish-service",
                        LaunchOptions.defaults().servicesDirectory().resolve("publish-service.jar"), port, List.of("-Xmx512m"),
                        Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "MONGODB_URI", mongo.uri(),
                                "MONGODB_DATABASE", "benchmark"),
                        List.of(), line -> { });
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
                        new StringSerializer(), new ByteArraySerializer())) {
            service.awaitHealthy(Duration.ofMinutes(3));
            StreamBenchmark benchmark = new StreamBenchmark("http://localhost:" + port);
            int count = options.get("subscribers");
            System.out.printf("Opening %d SSE subscriptions...%n", count);
            benchmark.subscribe(count);
            benchmark.awaitLive(producer);
            System.out.println("All subscriptions live");
            // Warm-up (JIT, connection buffers), not reported.
            benchmark.run("warmup", producer, options.get("rate"), Math.max(5, options.get("seconds") / 2));
            HeapSampler heap = new HeapSampler(benchmark.publish);
            long[] plain = benchmark.run("plain", producer, options.get("rate"), options.get("seconds"));
            try (Socket slow = benchmark.slowSubscriber(port)) {
                long[] withSlow = benchmark.run("slow", producer, options.get("rate"), options.get("seconds"));
                long heapBytes = heap.stop();
                System.out.printf("%nStream benchmark: %d SSE subscribers, %d enriched events/s for %d s per run, publish-service -Xmx512m%n",
                        count, options.get("rate"), options.get("seconds"));
                System.out.printf("| run | deliveries | missing | p50 | p99 | max |%n|---|---|---|---|---|---|%n");
                print("all subscribers reading", plain);
                print("plus one subscriber that never reads", withSlow);
                System.out.printf("publish-service heap: at most %d MB used%n", heapBytes >> 20);
                System.out.printf("the slow subscriber's connection was %s%n", slow.isClosed() ? "closed" : "kept open by the server");
            }
        }
        System.exit(0);
    }

    private static void print(String run, long[] result) {
        System.out.printf("| %s | %,d | %,d | %d ms | %d ms | %d ms |%n", run, result[0], result[1], result[2], result[3], result[4]);
    }

    private void subscribe(int count) {
        List<CompletableFuture<?>> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Subscriber subscriber = new Subscriber();
            subscribers.add(subscriber);
            HttpRequest request = HttpRequest.newBuilder(URI.create(publish + "/api/articles/stream"))
                    .header("Accept", "text/event-stream").build();
            opened.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(subscriber)));
        }
    }

    // Probe events until every subscriber has received one: the stream's consumer is then assigned and live.
    private void awaitLive(KafkaProducer<String, byte[]> producer) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (subscribers.stream().anyMatch(subscriber -> subscriber.received.get() == 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Subscribers did not all receive events within 3 minutes");
            }
            producer.send(record("probe", Instant.now()));
            producer.flush();
            pause(200);
        }
    }

    /** Publishes {@code rate} events per second for {@code seconds}; [deliveries, missing, p50, p99, max in ms]. */
    private long[] run(String run, KafkaProducer<String, byte[]> producer, int rate, int seconds) {
        subscribers.forEach(subscriber -> subscriber.start(run));
        int events = rate * seconds;
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            if (sent.get() < events) {
                producer.send(record(run + "-" + sent.getAndIncrement(), Instant.now()));
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
        while (System.nanoTime() < deadline
                && (sent.get() < events || subscribers.stream().anyMatch(subscriber -> subscriber.count(run) < events))) {
            pause(100);
        }
        pacer.shutdownNow();
        System.out.printf("run %s: %d events sent, %d subscribers got them all%n", run, sent.get(),
                subscribers.stream().filter(subscriber -> subscriber.count(run) >= events).count());
        long[] latencies = subscribers.stream().flatMapToLong(subscriber -> subscriber.latencies(run).stream().mapToLong(Long::longValue))
                .sorted().toArray();
        long expected = (long) events * subscribers.size();
        return new long[] {latencies.length, expected - latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1]};
    }

    // Connects and asks for the stream, then never reads: its buffers fill, and publish-service must cut it off alone.
    private Socket slowSubscriber(int port) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/articles/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static ProducerRecord<String, byte[]> record(String title, Instant sentAt) {
        String id = "bench-" + UUID.randomUUID();
        ArticleEnriched article = new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, id, 1, "benchmark", null,
                "https://example.org/" + id, title, "A short article body of about the length of a lead paragraph, "
                        + "which is what a stream subscriber renders first.", "Sam Reporter", "Example Wire", sentAt, "en",
                List.of(new CategoryAssignment(CategoryAssignment.IPTC, "medtop:15000000", "sport", 0.9, CategoryAssignment.Origin.MODEL)),
                List.of(), List.of("match"), sentAt, sentAt, null, List.of(), null, ArticleEnriched.Change.CREATED);
        return new ProducerRecord<>(ArticleTopics.ARTICLE_ENRICHED, id, ArticleEventJson.write(article));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One SSE subscriber: for each data line, the time since the event's {@code enrichedAt}, by run. */
    private static final class Subscriber implements Flow.Subscriber<String> {

        private static final String MARKER = "\"enrichedAt\":\"";

        final AtomicInteger received = new AtomicInteger();
        private final Map<String, List<Long>> latencies = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile String run = "warmup";

        void start(String name) {
            latencies.put(name, java.util.Collections.synchronizedList(new ArrayList<>()));
            run = name;
        }

        int count(String name) {
            return latencies.getOrDefault(name, List.of()).size();
        }

        List<Long> latencies(String name) {
            List<Long> recorded = latencies.getOrDefault(name, List.of());
            synchronized (recorded) {
                return List.copyOf(recorded);
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data:")) {
                return;
            }
            received.incrementAndGet();
            long now = System.currentTimeMillis();
            int at = line.indexOf(MARKER);
            String title = titleOf(line);
            List<Long> current = latencies.get(run);
            if (at < 0 || current == null || title == null || !title.startsWith(run + "-")) {
                return;
            }
            int end = line.indexOf('"', at + MARKER.length());
            current.add(now - Instant.parse(line.substring(at + MARKER.length(), end)).toEpochMilli());
        }

        private static String titleOf(String line) {
            int at = line.indexOf("\"title\":\"");
            return at < 0 ? null : line.substring(at + 9, line.indexOf('"', at + 9));
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
