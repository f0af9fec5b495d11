package dev.newsflow.benchmarks.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.newsflow.benchmarks.service.HeapSampler;
import dev.newsflow.benchmarks.service.Machine;
import dev.newsflow.local.FreePorts;
import dev.newsflow.local.LocalKafkaBroker;
import dev.newsflow.local.ServiceProcess;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.commons.codec.digest.DigestUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
 * It also samples ingest's heap through {@code /actuator/prometheus}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"How fast ingest-service takes articles, against the raw Kafka producer.",
                "One article per request and NDJSON batches, on an in-process broker and MongoDB endpoint, with",
                "ingest-service's CPU per article and heap (the service runs from local-stack/target/services)."})
public final class IngestBenchmark implements Callable<Integer> {

    @Option(names = "--articles", paramLabel = "N", defaultValue = "60000",
            description = "articles per measured run (default ${DEFAULT-VALUE})")
    int articles;

    @Option(names = "--single-articles", paramLabel = "N", defaultValue = "2000",
            description = "articles for the one-per-request run; negative: as many as --articles (default ${DEFAULT-VALUE})")
    int singleArticles;

    @Option(names = "--clients", paramLabel = "C", defaultValue = "16",
            description = "clients POSTing one article per request (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "1000",
            description = "articles per NDJSON batch (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batch-clients", paramLabel = "K", defaultValue = "4",
            description = "clients POSTing batches (default ${DEFAULT-VALUE})")
    int batchClients;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100000",
            description = "articles per warm-up of the producer and of the batch path (default ${DEFAULT-VALUE})")
    int warmup;

    // The memory backend by default: the stand-in closest to a MongoDB on its own machine. The H2 backends are
    // what the local stack persists to, and their cost lands on this JVM, beside the broker and the clients.
    @Option(names = "--ledger", paramLabel = "KIND", defaultValue = "memory", converter = VersionLedger.KindConverter.class,
            description = "where ingest's version ledger lives: h2-file, h2-memory or memory (default ${DEFAULT-VALUE})")
    VersionLedger.Kind ledger;

    @Option(names = "--profile", paramLabel = "FILE.jfr",
            description = "record ingest-service (FILE.jfr) and this JVM (FILE-benchmark.jfr) with Flight Recorder")
    Path profile;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "an option for ingest-service's JVM, e.g. another collector (repeatable)")
    List<String> extraJvmOptions = new ArrayList<>();

    private String loadBefore;

    @Override
    public Integer call() throws Exception {
        loadBefore = Machine.loadAverage();
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
        jvmOptions.addAll(extraJvmOptions);
        if (profile != null) {
            // Reactive stacks are deep: the default 64 frames would cut off what a sample was working for.
            jvmOptions.addAll(List.of("-XX:FlightRecorderOptions:stackdepth=256",
                    "-XX:StartFlightRecording=settings=profile,filename=" + profile.toAbsolutePath()));
        }
        Path data = Files.createTempDirectory("newsflow-benchmark");
        String apiKey = UUID.randomUUID().toString();
        int port = FreePorts.next();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next(), 6);
                VersionLedger mongo = VersionLedger.start(ledger, data.resolve("mongo"), FreePorts.next());
                ServiceProcess service = ServiceProcess.start("ingest-service", ServiceProcess.jar("ingest-service"), port,
                        jvmOptions, Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                                "MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", "benchmark",
                                "INGEST_API_KEYS", "benchmark=" + DigestUtils.sha256Hex(apiKey),
                                "INGEST_RATE_LIMIT_PER_SECOND", "1000000", "INGEST_RATE_LIMIT_BURST", "1000000"),
                        List.of(), line -> { })) {
            service.awaitHealthy(Duration.ofMinutes(3));
            measure(new IngestLoad("http://localhost:" + port, apiKey), broker.bootstrapServers(), port);
        }
        return 0;
    }

    private void measure(IngestLoad load, String bootstrapServers, int port) throws Exception {
        // Each path is warmed up, so that all three are measured with compiled code rather than while the JIT works.
        System.out.printf("Warming up the raw producer and ingest-service (%d articles)...%n", 2 * warmup + 2_000);
        System.out.printf("%s warm-up: raw producer%n", Instant.now());
        load.rawProducer(bootstrapServers, warmup);
        System.out.printf("%s warm-up: POST one article per request%n", Instant.now());
        load.single("warmup", 2_000, clients);
        System.out.printf("%s warm-up: POST NDJSON batches%n", Instant.now());
        load.batches("warmup-batch", warmup, batchSize, batchClients);

        // The broker and the ledger run in this JVM: with --profile it is recorded too, next to ingest's file.
        Recording recording = profile == null ? null : new Recording(Configuration.getConfiguration("profile"));
        if (recording != null) {
            recording.start();
        }
        HeapSampler heap = new HeapSampler("http://localhost:" + port);
        System.out.printf("%s raw producer%n", Instant.now());
        ProcessCpu started = ProcessCpu.now();
        double rawBefore = load.rawProducer(bootstrapServers, articles);
        ProcessCpu rawCpu = ProcessCpu.now().minus(started);
        System.out.printf("%s POST one article per request%n", Instant.now());
        started = ProcessCpu.now();
        int singles = singleArticles < 0 ? articles : singleArticles;
        double single = load.single("single", singles, clients);
        ProcessCpu singleCpu = ProcessCpu.now().minus(started);
        System.out.printf("%s POST NDJSON batches%n", Instant.now());
        started = ProcessCpu.now();
        double batch = load.batches("batch", articles, batchSize, batchClients);
        ProcessCpu batchCpu = ProcessCpu.now().minus(started);
        System.out.printf("%s raw producer again%n", Instant.now());
        double rawAfter = load.rawProducer(bootstrapServers, articles);
        System.out.printf("%s done%n", Instant.now());
        // Other work on the machine slows a run now and then: the goal is judged against the faster raw figure.
        double raw = Math.max(rawBefore, rawAfter);
        if (recording != null) {
            recording.dump(Path.of(profile.toString().replaceFirst("(\\.jfr)?$", "-benchmark.jfr")));
            recording.close();
        }
        long heapBytes = heap.stop();

        System.out.printf("%nIngest benchmark: %d articles per run, %d POST clients, NDJSON batches of %d from %d clients%n",
                articles, clients, batchSize, batchClients);
        System.out.printf("Version ledger: %s%n", ledger.description());
        System.out.printf("machine: %s; load average (1 min) %s before, %s after%n", Machine.description(), loadBefore,
                Machine.loadAverage());
        System.out.printf("| path | articles/s | vs raw producer | CPU per article: ingest-service | CPU per article: "
                + "this JVM (broker, ledger, clients) |%n|---|---|---|---|---|%n");
        System.out.printf("| raw Kafka producer (acks=all, idempotent; the faster of %,.0f before and %,.0f after) | %,.0f "
                + "| 100%% | %s |%n", rawBefore, rawAfter, raw, rawCpu.perArticle(articles));
        System.out.printf("| POST, one article per request | %,.0f | %.0f%% | %s |%n", single, 100 * single / raw,
                singleCpu.perArticle(singles));
        System.out.printf("| POST, NDJSON batches | %,.0f | %.0f%% | %s |%n", batch, 100 * batch / raw,
                batchCpu.perArticle(articles));
        System.out.printf("(CPU is what each process used during the run, whatever else the machine was doing: the "
                + "articles/s depend on other load, the CPU per article much less.)%n");
        System.out.printf("ingest-service heap (-Xmx256m): at most %.0f MB used%n", heapBytes / 1e6);
    }
}
