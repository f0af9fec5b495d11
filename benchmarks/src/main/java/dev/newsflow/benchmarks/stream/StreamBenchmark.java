package dev.newsflow.benchmarks.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.newsflow.benchmarks.service.HeapSampler;
import dev.newsflow.benchmarks.service.Machine;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.local.FreePorts;
import dev.newsflow.local.LocalKafkaBroker;
import dev.newsflow.local.LocalMongo;
import dev.newsflow.local.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fan-out of publish-service's SSE stream to many subscribers. On one fresh in-process broker and mongo-java-server
 * it runs publish-service from its jar with {@code -Xmx512m}, opens {@code --subscribers} SSE connections from this
 * JVM, and publishes enriched events at {@code --rate} per second for {@code --seconds}, twice after a warm-up: once
 * as is, once with one more subscriber that connects and never reads. Latency is from the moment an event is sent to
 * the topic to the moment a subscriber has read the end of its frame; the heap is sampled from
 * {@code /actuator/prometheus}.
 *
 * <p>The subscribers are a lean load generator, so that it is the service that is measured, not the clients: plain
 * non-blocking sockets on {@value #READERS} threads that decode the chunked response and scan each SSE frame for its
 * {@code id:} and {@code event:} lines and the title (run and sequence number) in its data, without parsing the JSON
 * ({@link SseSubscriber}). Every subscriber must get every event of a run exactly once, each with an id and type, or
 * it counts as missing.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Fan-out of publish-service's SSE stream to many subscribers.",
                "Delivery latency, missing and repeated events and heap, with all subscribers reading and with one more",
                "that never reads (the service runs from local-stack/target/services)."})
public final class StreamBenchmark implements Callable<Integer> {

    private static final int READERS = 2;
    private static final int PARTITIONS = 6;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "1000", description = "SSE subscribers (default ${DEFAULT-VALUE})")
    int subscriberCount;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "100", description = "enriched events per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20", description = "length of a measured run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "-1",
            description = "length of the warm-up in seconds (default: as long as a run)")
    int warmup;

    @Option(names = "--replay", paramLabel = "N", defaultValue = "0",
            description = {"instead of the fan-out runs: log N events (sent at --rate), then time one subscriber that",
                    "resumes from the log's start and sample publish-service's heap meanwhile"})
    int replay;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m", description = "publish-service's -Xmx (default ${DEFAULT-VALUE})")
    String heapLimit;

    private final List<SseSubscriber> subscribers = new ArrayList<>();
    private final List<Selector> selectors = new ArrayList<>();
    private volatile StreamRun current = new StreamRun("warmup", 0);
    private int port;
    private StageTimes stages;

    @Override
    public Integer call() throws Exception {
        String loadBefore = Machine.loadAverage();
        Path data = Files.createTempDirectory("newsflow-stream-benchmark");
        port = FreePorts.next();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next(), PARTITIONS);
                LocalMongo mongo = LocalMongo.start(data.resolve("mongo"), FreePorts.next());
                ServiceProcess service = ServiceProcess.start("publish-service", ServiceProcess.jar("publish-service"), port,
                        List.of("-Xmx" + heapLimit), Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "MONGODB_URI", mongo.uri(),
                                "MONGODB_DATABASE", "benchmark"),
                        List.of(), line -> { });
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
                        new StringSerializer(), new ByteArraySerializer())) {
            service.awaitHealthy(Duration.ofMinutes(3));
            stages = new StageTimes("http://localhost:" + port);
            if (replay > 0) {
                replay(producer);
                return 0;
            }
            System.out.printf("Opening %d SSE subscriptions...%n", subscriberCount);
            subscribe(subscriberCount);
            awaitLive(producer);
            System.out.println("All subscriptions live");
            // Warm-up (JIT, connection buffers), not reported: half a run left the first run still warming up (its
            // p99 several times the second's).
            run("warmup", producer, rate, Math.max(5, warmup < 0 ? seconds : warmup));
            HeapSampler heap = new HeapSampler("http://localhost:" + port);
            Result plain = run("plain", producer, rate, seconds);
            try (Socket slow = slowSubscriber()) {
                Result withSlow = run("slow", producer, rate, seconds);
                long heapBytes = heap.stop();
                System.out.printf("%nStream benchmark: %d SSE subscribers, %d enriched events/s for %d s per run, publish-service -Xmx%s%n",
                        subscriberCount, rate, seconds, heapLimit);
                System.out.printf("machine: %s; load average (1 min) %s before, %s after%n", Machine.description(), loadBefore,
                        Machine.loadAverage());
                System.out.printf("| run | deliveries | missing | repeated | p50 | p99 | max |%n|---|---|---|---|---|---|---|%n");
                plain.print("all subscribers reading");
                withSlow.print("plus one subscriber that never reads");
                System.out.printf("publish-service heap: at most %d MB used%n", heapBytes >> 20);
                System.out.printf("the slow subscriber's connection was %s%n", slow.isClosed() ? "closed" : "kept open by the server");
                System.out.printf("subscriber connections closed by the server: %d; frames without an id or of another type: %d%n",
                        subscribers.stream().filter(subscriber -> subscriber.closed).count(),
                        subscribers.stream().mapToLong(subscriber -> subscriber.malformed).sum());
            }
        }
        return 0;
    }

    /** A run's figures; latencies in microseconds. */
    private record Result(long deliveries, long missing, long repeated, long p50, long p99, long max) {

        void print(String run) {
            System.out.printf("| %s | %,d | %,d | %,d | %.1f ms | %.1f ms | %.1f ms |%n", run, deliveries, missing, repeated,
                    p50 / 1000.0, p99 / 1000.0, max / 1000.0);
        }
    }

    private void subscribe(int count) throws IOException {
        for (int i = 0; i < READERS; i++) {
            selectors.add(Selector.open());
        }
        for (int i = 0; i < count; i++) {
            subscribers.add(open("/api/articles/stream", selectors.get(i % READERS), null));
        }
        for (int i = 0; i < READERS; i++) {
            Selector selector = selectors.get(i);
            Thread reader = new Thread(() -> read(selector), "subscribers-" + i);
            reader.setDaemon(true);
            reader.start();
        }
    }

    // Asks for the stream at `path`; its frames of `run` (if given) count from the first byte on.
    private SseSubscriber open(String path, Selector selector, StreamRun run) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
        channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        SseSubscriber subscriber = new SseSubscriber(channel);
        if (run != null) {
            subscriber.start(run);
        }
        channel.register(selector, SelectionKey.OP_READ, subscriber);
        selector.wakeup();
        return subscriber;
    }

    /**
     * Issue 20 §2: {@code --replay} events are logged (a live subscriber has them all), then one more subscriber
     * resumes from before the first event of every partition. Reported: time to its first event and to the last,
     * what it missed or got twice, and publish-service's heap before and (at most) during the replay, which reads the
     * log page by page and so should not grow with the backlog.
     */
    private void replay(KafkaProducer<String, byte[]> producer) throws IOException {
        subscribe(1);
        awaitLive(producer);
        StreamRun backlog = new StreamRun("backlog", replay);
        subscribers.get(0).start(backlog);
        current = backlog;
        long sendStarted = System.nanoTime();
        for (int sequence = 0; sequence < replay; sequence++) {
            backlog.sentAt.set(sequence, System.nanoTime());
            producer.send(record("backlog-" + sequence, Instant.now()));
            long due = sendStarted + TimeUnit.SECONDS.toNanos(sequence + 1L) / rate;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
        }
        producer.flush();
        awaitCount(subscribers.get(0), backlog, Duration.ofMinutes(30));
        if (subscribers.get(0).count(backlog) < replay) {
            throw new IllegalStateException("The live subscriber got " + subscribers.get(0).count(backlog) + " of " + replay
                    + " events (cut off as too slow?); lower --rate");
        }
        System.out.printf("%,d events logged and streamed live in %.1f s%n", replay, (System.nanoTime() - sendStarted) / 1e9);

        HeapSampler heap = new HeapSampler("http://localhost:" + port);
        long heapBefore = heap.heapUsed();
        String since = IntStream.range(0, PARTITIONS).mapToObj(partition -> partition + ":-1").collect(Collectors.joining(","));
        long started = System.nanoTime();
        SseSubscriber replaying = open("/api/articles/stream?since=" + since, selectors.get(1), backlog);
        while (replaying.received == 0 && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(5)) {
            Thread.onSpinWait();
        }
        long firstEvent = System.nanoTime() - started;
        awaitCount(replaying, backlog, Duration.ofMinutes(30));
        long allEvents = System.nanoTime() - started;
        long heapMost = heap.stop();
        SseSubscriber.Received received = replaying.received(backlog);
        System.out.printf("%nStream replay: %,d logged events replayed to one subscriber (?since= the log's start), "
                        + "publish-service -Xmx%s%n| backlog | first event after | all events after | events/s | missing | repeated "
                        + "| heap before | heap at most during the replay |%n|---|---|---|---|---|---|---|---|%n"
                        + "| %,d | %.2f s | %.1f s | %,.0f | %,d | %,d | %d MB | %d MB |%n",
                replay, heapLimit, replay, firstEvent / 1e9, allEvents / 1e9, replay / (allEvents / 1e9), replay - received.count,
                received.repeated, heapBefore >> 20, heapMost >> 20);
    }

    private static void awaitCount(SseSubscriber subscriber, StreamRun run, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (subscriber.count(run) < run.events && !subscriber.closed && System.nanoTime() < deadline) {
            pause(100);
        }
    }

    // One reader thread: reads whatever its sockets have, and hands each subscriber its bytes, stamped with the time read.
    private void read(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    SseSubscriber subscriber = (SseSubscriber) key.attachment();
                    int read;
                    do {
                        buffer.clear();
                        read = subscriber.channel.read(buffer);
                        if (read > 0) {
                            subscriber.accept(buffer.array(), read, System.nanoTime(), current);
                        }
                    }
                    while (read == buffer.capacity());
                    if (read < 0) {
                        subscriber.closed = true;
                        key.cancel();
                        subscriber.channel.close();
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // Probe events until every subscriber has received one: the stream's consumer is then assigned and live.
    private void awaitLive(KafkaProducer<String, byte[]> producer) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (subscribers.stream().anyMatch(subscriber -> subscriber.received == 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Subscribers did not all receive events within 3 minutes");
            }
            producer.send(record("probe", Instant.now()));
            producer.flush();
            pause(200);
        }
    }

    /** Publishes {@code rate} events per second for {@code seconds}, then waits (at most 30 s) for every subscriber to have them. */
    private Result run(String name, KafkaProducer<String, byte[]> producer, int rate, int seconds) {
        int events = rate * seconds;
        StreamRun run = new StreamRun(name, events);
        subscribers.forEach(subscriber -> subscriber.start(run));
        current = run;
        StageTimes.Snapshot stagesBefore = stages.snapshot();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            int sequence = sent.get();
            if (sequence < events) {
                run.sentAt.set(sequence, System.nanoTime());
                producer.send(record(name + "-" + sequence, Instant.now()), (metadata, failed) -> run.ackedAt.set(sequence, System.nanoTime()));
                sent.incrementAndGet();
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
        while (System.nanoTime() < deadline
                && (sent.get() < events || subscribers.stream().anyMatch(subscriber -> subscriber.count(run) < events))) {
            pause(100);
        }
        pacer.shutdownNow();
        System.out.printf("run %s: %d events sent, %d subscribers got them all%n", name, sent.get(),
                subscribers.stream().filter(subscriber -> subscriber.count(run) >= events).count());
        StageTimes.print(stagesBefore, stages.snapshot());
        long[] acks = IntStream.range(0, sent.get()).mapToLong(sequence -> run.ackedAt.get(sequence) - run.sentAt.get(sequence))
                .filter(ack -> ack > 0).sorted().toArray();
        System.out.printf("| benchmark: sent until the broker acknowledged | %,d | %.1f ms | %.1f ms |%n", acks.length,
                percentile(acks, 0.50) / 1e6, percentile(acks, 0.99) / 1e6);
        long deliveries = 0;
        long repeated = 0;
        int[] latencies = new int[subscribers.size() * events];
        for (SseSubscriber subscriber : subscribers) {
            SseSubscriber.Received received = subscriber.received(run);
            synchronized (received) {
                for (int sequence = received.got.nextSetBit(0); sequence >= 0; sequence = received.got.nextSetBit(sequence + 1)) {
                    latencies[(int) deliveries++] = received.latencies[sequence];
                }
                repeated += received.repeated;
            }
        }
        int[] sorted = Arrays.copyOf(latencies, (int) deliveries);
        Arrays.sort(sorted);
        long expected = (long) events * subscribers.size();
        return new Result(deliveries, expected - deliveries, repeated, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    // Connects and asks for the stream, then never reads: its buffers fill, and publish-service must cut it off alone.
    private Socket slowSubscriber() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/articles/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static long percentile(int[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[rank(sorted.length, quantile)];
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[rank(sorted.length, quantile)];
    }

    private static int rank(int length, double quantile) {
        return Math.min(length - 1, (int) Math.ceil(quantile * length) - 1);
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
}
