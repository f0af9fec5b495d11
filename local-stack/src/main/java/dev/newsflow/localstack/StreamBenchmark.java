package dev.newsflow.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

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
 * as is, once with one more subscriber that connects and never reads. Latency is from the moment an event is sent to
 * the topic to the moment a subscriber has read the end of its frame; the heap is sampled from
 * {@code /actuator/prometheus}.
 *
 * <p>The subscribers are a lean load generator, so that it is the service that is measured, not the clients: plain
 * non-blocking sockets on {@value #READERS} threads that decode the chunked response and scan each SSE frame for its
 * {@code id:} and {@code event:} lines and the title (run and sequence number) in its data, without parsing the JSON.
 * Every subscriber must get every event of a run exactly once, each with an id and type, or it counts as missing.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package && java -jar local-stack/target/newsflow-local-stream-benchmark.jar}
 * (options: {@code --subscribers=N --rate=R --seconds=S --warmup=S}; the warm-up lasts as long as a run by default).
 */
public final class StreamBenchmark {

    private static final int READERS = 2;

    private final int port;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<Selector> selectors = new ArrayList<>();
    private volatile Run current = new Run("warmup", 0);

    private StreamBenchmark(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new java.util.HashMap<>(Map.of("subscribers", 1000, "rate", 100, "seconds", 20,
                "warmup", -1));
        for (String arg : args) {
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : "";
            if (!options.containsKey(name)) {
                System.err.println("Options: --subscribers=N --rate=R --seconds=S --warmup=S (default: as long as a run)");
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
            StreamBenchmark benchmark = new StreamBenchmark(port);
            int count = options.get("subscribers");
            int rate = options.get("rate");
            int seconds = options.get("seconds");
            System.out.printf("Opening %d SSE subscriptions...%n", count);
            benchmark.subscribe(count);
            benchmark.awaitLive(producer);
            System.out.println("All subscriptions live");
            // Warm-up (JIT, connection buffers), not reported: half a run left the first run still warming up (its
            // p99 several times the second's).
            int warmup = options.get("warmup") < 0 ? seconds : options.get("warmup");
            benchmark.run("warmup", producer, rate, Math.max(5, warmup));
            HeapSampler heap = new HeapSampler("http://localhost:" + port);
            Result plain = benchmark.run("plain", producer, rate, seconds);
            try (Socket slow = benchmark.slowSubscriber()) {
                Result withSlow = benchmark.run("slow", producer, rate, seconds);
                long heapBytes = heap.stop();
                System.out.printf("%nStream benchmark: %d SSE subscribers, %d enriched events/s for %d s per run, publish-service -Xmx512m%n",
                        count, rate, seconds);
                System.out.printf("| run | deliveries | missing | repeated | p50 | p99 | max |%n|---|---|---|---|---|---|---|%n");
                plain.print("all subscribers reading");
                withSlow.print("plus one subscriber that never reads");
                System.out.printf("publish-service heap: at most %d MB used%n", heapBytes >> 20);
                System.out.printf("the slow subscriber's connection was %s%n", slow.isClosed() ? "closed" : "kept open by the server");
                System.out.printf("subscriber connections closed by the server: %d; frames without an id or of another type: %d%n",
                        benchmark.subscribers.stream().filter(subscriber -> subscriber.closed).count(),
                        benchmark.subscribers.stream().mapToLong(subscriber -> subscriber.malformed).sum());
            }
        }
        System.exit(0);
    }

    /** A run's figures; latencies in microseconds. */
    private record Result(long deliveries, long missing, long repeated, long p50, long p99, long max) {

        void print(String run) {
            System.out.printf("| %s | %,d | %,d | %,d | %.1f ms | %.1f ms | %.1f ms |%n", run, deliveries, missing, repeated,
                    p50 / 1000.0, p99 / 1000.0, max / 1000.0);
        }
    }

    /** One run: its name (the prefix of its events' titles), and when each of its events was sent. */
    private static final class Run {

        final String name;
        final byte[] prefix;
        final int events;
        final AtomicLongArray sentAt;

        Run(String name, int events) {
            this.name = name;
            this.prefix = (name + "-").getBytes(StandardCharsets.US_ASCII);
            this.events = events;
            this.sentAt = new AtomicLongArray(events);
        }
    }

    private void subscribe(int count) throws IOException {
        for (int i = 0; i < READERS; i++) {
            selectors.add(Selector.open());
        }
        byte[] request = ("GET /api/articles/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            Subscriber subscriber = new Subscriber(channel);
            subscribers.add(subscriber);
            channel.register(selectors.get(i % READERS), SelectionKey.OP_READ, subscriber);
        }
        for (int i = 0; i < READERS; i++) {
            Selector selector = selectors.get(i);
            Thread reader = new Thread(() -> read(selector), "subscribers-" + i);
            reader.setDaemon(true);
            reader.start();
        }
    }

    // One reader thread: reads whatever its sockets have, and hands each subscriber its bytes, stamped with the time read.
    private void read(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Subscriber subscriber = (Subscriber) key.attachment();
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
            throw new java.io.UncheckedIOException(ex);
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
        Run run = new Run(name, events);
        subscribers.forEach(subscriber -> subscriber.start(run));
        current = run;
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            int sequence = sent.get();
            if (sequence < events) {
                run.sentAt.set(sequence, System.nanoTime());
                producer.send(record(name + "-" + sequence, Instant.now()));
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
        long deliveries = 0;
        long repeated = 0;
        int[] latencies = new int[subscribers.size() * events];
        for (Subscriber subscriber : subscribers) {
            Subscriber.Received received = subscriber.received(run);
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

    /**
     * One SSE subscriber, fed by one reader thread: decodes the chunked HTTP response, splits the stream into lines
     * and frames, and records each frame of the current run by its sequence number, with its latency.
     */
    private static final class Subscriber {

        private static final byte[] TITLE = "\"title\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EVENT_ARTICLE = "event:article".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

        /** What one run brought: which events arrived (by sequence number), and each one's latency in microseconds. */
        static final class Received {

            final BitSet got;
            final int[] latencies;
            volatile int count;
            int repeated;

            Received(int events) {
                this.got = new BitSet(events);
                this.latencies = new int[events];
            }
        }

        final SocketChannel channel;
        volatile int received;
        volatile boolean closed;
        long malformed;
        private final Map<String, Received> runs = new java.util.concurrent.ConcurrentHashMap<>();

        private boolean inBody;
        private boolean chunked;
        private long chunkLeft = -1; // -1: a chunk-size line is next; -2: the CRLF after a chunk's data
        private byte[] line = new byte[4096];
        private int lineLength;
        private byte[] sizeLine = new byte[64];
        private int sizeLineLength;
        // The frame being read
        private boolean frameHasId;
        private boolean frameIsArticle;
        private boolean frameHasData;
        private int frameSequence = -1;

        Subscriber(SocketChannel channel) {
            this.channel = channel;
        }

        void start(Run run) {
            runs.put(run.name, new Received(run.events));
        }

        int count(Run run) {
            Received received = runs.get(run.name);
            return received == null ? 0 : received.count;
        }

        Received received(Run run) {
            return runs.get(run.name);
        }

        void accept(byte[] bytes, int length, long readAt, Run run) {
            int at = 0;
            while (at < length) {
                if (!inBody) {
                    at = headers(bytes, at, length);
                }
                else if (!chunked) {
                    body(bytes, at, length, readAt, run);
                    at = length;
                }
                else if (chunkLeft == -1) {
                    at = chunkSize(bytes, at, length);
                }
                else if (chunkLeft == -2) {
                    if (bytes[at++] == '\n') {
                        chunkLeft = -1;
                    }
                }
                else {
                    int end = (int) Math.min(length, at + chunkLeft);
                    body(bytes, at, end, readAt, run);
                    chunkLeft -= end - at;
                    at = end;
                    if (chunkLeft == 0) {
                        chunkLeft = -2;
                    }
                }
            }
        }

        private int headers(byte[] bytes, int at, int length) {
            while (at < length) {
                byte b = bytes[at++];
                if (b != '\n') {
                    appendToLine(b);
                    continue;
                }
                String header = new String(line, 0, lineLength, StandardCharsets.US_ASCII).strip();
                lineLength = 0;
                if (header.startsWith("HTTP/") && !header.contains(" 200")) {
                    throw new IllegalStateException("The stream answered " + header);
                }
                if (header.equalsIgnoreCase("transfer-encoding: chunked")) {
                    chunked = true;
                }
                if (header.isEmpty()) {
                    inBody = true;
                    return at;
                }
            }
            return at;
        }

        private int chunkSize(byte[] bytes, int at, int length) {
            while (at < length) {
                byte b = bytes[at++];
                if (b != '\n') {
                    sizeLine[sizeLineLength++] = b;
                    continue;
                }
                long size = 0;
                for (int i = 0; i < sizeLineLength && Character.digit(sizeLine[i], 16) >= 0; i++) {
                    size = size * 16 + Character.digit(sizeLine[i], 16);
                }
                sizeLineLength = 0;
                // The last chunk: the server ended the stream; its trailer is never read.
                chunkLeft = size == 0 ? Long.MAX_VALUE : size;
                return at;
            }
            return at;
        }

        private void body(byte[] bytes, int from, int to, long readAt, Run run) {
            int start = from;
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    appendToLine(bytes, start, i);
                    line(readAt, run);
                    lineLength = 0;
                    start = i + 1;
                }
            }
            appendToLine(bytes, start, to);
        }

        private void line(long readAt, Run run) {
            if (lineLength == 0) {
                frame(readAt, run);
            }
            else if (startsWith(ID)) {
                frameHasId = lineLength > ID.length;
            }
            else if (startsWith(DATA)) {
                frameHasData = true;
                frameSequence = sequence(run);
            }
            else if (line[0] != ':') {
                frameIsArticle = lineLength == EVENT_ARTICLE.length && startsWith(EVENT_ARTICLE);
            }
        }

        // A frame ends: a data frame of the current run is recorded, once, with its latency.
        private void frame(long readAt, Run run) {
            if (frameHasData) {
                received++;
                if (!frameHasId || !frameIsArticle) {
                    malformed++;
                }
                else if (frameSequence >= 0) {
                    Received received = runs.get(run.name);
                    if (received != null) {
                        synchronized (received) {
                            if (received.got.get(frameSequence)) {
                                received.repeated++;
                            }
                            else {
                                received.got.set(frameSequence);
                                received.latencies[frameSequence] = (int) ((readAt - run.sentAt.get(frameSequence)) / 1000);
                                received.count++;
                            }
                        }
                    }
                }
            }
            frameHasId = false;
            frameIsArticle = false;
            frameHasData = false;
            frameSequence = -1;
        }

        // The event's sequence number if its title is "<run>-<n>", else -1.
        private int sequence(Run run) {
            int title = indexOf(TITLE);
            if (title < 0) {
                return -1;
            }
            int at = title + TITLE.length;
            for (byte b : run.prefix) {
                if (at >= lineLength || line[at++] != b) {
                    return -1;
                }
            }
            int sequence = 0;
            int digits = 0;
            while (at < lineLength && line[at] >= '0' && line[at] <= '9') {
                sequence = sequence * 10 + line[at++] - '0';
                digits++;
            }
            return digits > 0 && at < lineLength && line[at] == '"' && sequence < run.events ? sequence : -1;
        }

        private int indexOf(byte[] wanted) {
            outer:
            for (int i = 0; i + wanted.length <= lineLength; i++) {
                for (int j = 0; j < wanted.length; j++) {
                    if (line[i + j] != wanted[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private boolean startsWith(byte[] prefix) {
            if (lineLength < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (line[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private void appendToLine(byte b) {
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }

        private void appendToLine(byte[] bytes, int from, int to) {
            int length = to - from;
            if (lineLength + length > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
            }
            System.arraycopy(bytes, from, line, lineLength, length);
            lineLength += length;
        }
    }
}
