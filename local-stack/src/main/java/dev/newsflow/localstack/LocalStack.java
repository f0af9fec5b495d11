package dev.newsflow.localstack;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.newsflow.local.LocalKafkaBroker;
import dev.newsflow.local.LocalMongo;
import dev.newsflow.local.ServiceProcess;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The local newsflow: a Kafka broker, a MongoDB endpoint and the three services, started in that order and
 * stopped in reverse. {@link #main} is the one command of the README ({@link LaunchCommand} its options); tests
 * start it with their own options.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final int DEFAULT_PARTITIONS = 6;

    private final LaunchOptions options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, List<String>> serviceArguments = new HashMap<>();
    private Map<String, String> environment = Map.of();
    private Function<String, Consumer<String>> outputFor;
    private String apiKey;
    private volatile boolean stopping;

    private LocalStack(LaunchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new LaunchCommand()).execute(args);
        // 0 after --help or a stop by Ctrl-C, when the shutdown hook is already closing the stack: nothing to add.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs the stack until it is stopped (0) or a service exits on its own (1); 1 also if it does not start. */
    static int run(LaunchOptions options) {
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            stack.startAll(LocalStack::console);
        }
        catch (RuntimeException ex) {
            log.error("newsflow did not start: {}", ex.getMessage());
            return 1;
        }
        System.out.println(stack.banner());
        ServiceProcess exited = stack.awaitAnyServiceExit();
        if (!stack.stopping) {
            log.error("{} exited unexpectedly with code {}; stopping the stack", exited.name(), exited.process().exitValue());
            return 1;
        }
        return 0;
    }

    /** Starts everything; each service's output lines go to the consumer {@code outputFor} returns for its name. */
    static LocalStack start(LaunchOptions options, Function<String, Consumer<String>> outputFor) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll(outputFor);
            return stack;
        }
        catch (RuntimeException ex) {
            stack.close();
            throw ex;
        }
    }

    private void startAll(Function<String, Consumer<String>> outputFor) {
        String kafka = options.kafka();
        if (kafka == null) {
            LocalKafkaBroker broker = LocalKafkaBroker.start(options.dataDirectory().resolve("kafka"), options.kafkaPort(),
                    options.kafkaControllerPort(), DEFAULT_PARTITIONS);
            running.push(broker);
            kafka = broker.bootstrapServers();
        }
        String mongo = options.mongoUri();
        if (mongo == null) {
            LocalMongo local = LocalMongo.start(options.dataDirectory().resolve("mongo"), options.mongoPort());
            running.push(local);
            mongo = local.uri();
        }
        apiKey = LocalApiKey.loadOrCreate(options.dataDirectory());
        String configuredKeys = System.getenv("INGEST_API_KEYS");
        String keys = LocalApiKey.PUBLISHER + "=" + DigestUtils.sha256Hex(apiKey);
        environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "MONGODB_URI", mongo,
                "MONGODB_DATABASE", options.database(),
                "INGEST_API_KEYS", configuredKeys == null || configuredKeys.isBlank() ? keys : configuredKeys + "," + keys);
        this.outputFor = outputFor;
        LaunchOptions.Ports ports = options.ports();
        String articleBaseUrl = "http://localhost:" + ports.publish() + "/api/articles/";
        serviceArguments.put("ingest-service", List.of("--newsflow.ingest.article-base-url=" + articleBaseUrl));
        launch("ingest-service", "ingest-service", ports.ingest());
        launch("enrichment-service", "enrichment-service", ports.enrichment());
        launch("publish-service", "publish-service", ports.publish());
        services.forEach(service -> service.awaitHealthy(STARTUP_TIMEOUT));
        log.info("All services healthy (Kafka {}, MongoDB {})", kafka, mongo);
    }

    /**
     * Starts an instance of {@code service} (e.g. a second enrichment-service) named {@code instance} on
     * {@code port}, configured like the first, and waits until it is healthy.
     */
    synchronized void startInstance(String service, String instance, int port) {
        launch(service, instance, port).awaitHealthy(STARTUP_TIMEOUT);
    }

    /**
     * Stops the running instance named {@code instance} as an orchestrator would (SIGTERM, so it finishes its
     * in-flight work) and returns its exit code.
     */
    synchronized int stopInstance(String instance) {
        ServiceProcess service = services.stream().filter(s -> s.name().equals(instance) && s.process().isAlive())
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No running instance " + instance));
        service.close();
        services.remove(service);
        running.remove(service);
        return service.process().exitValue();
    }

    private ServiceProcess launch(String service, String instance, int port) {
        ServiceProcess process = ServiceProcess.start(instance, ServiceProcess.jar(options.servicesDirectory(), service), port,
                options.jvmOptions(), environment, serviceArguments.getOrDefault(service, List.of()), outputFor.apply(instance));
        services.add(process);
        running.push(process);
        return process;
    }

    /** The API key submissions to this stack's ingest-service need. */
    String apiKey() {
        return apiKey;
    }

    String banner() {
        LaunchOptions.Ports ports = options.ports();
        return """

                newsflow is running
                  submit articles   POST http://localhost:%d/api/articles
                  API key           %s   (publisher "%s": Authorization: Bearer <key>)
                  read articles     GET  http://localhost:%d/api/articles
                  live stream       GET  http://localhost:%d/api/articles/stream   (SSE or NDJSON)
                  enrichment health GET  http://localhost:%d/actuator/health
                  data              %s
                Press Ctrl-C to stop.
                """.formatted(ports.ingest(), apiKey, LocalApiKey.PUBLISHER, ports.publish(), ports.publish(), ports.enrichment(),
                options.kafka() == null || options.mongoUri() == null
                        ? options.dataDirectory().toAbsolutePath().normalize() : "external Kafka and MongoDB");
    }

    private ServiceProcess awaitAnyServiceExit() {
        CompletableFuture<?>[] exits = services.stream().map(s -> s.process().onExit()).toArray(CompletableFuture[]::new);
        CompletableFuture.anyOf(exits).join();
        return services.stream().filter(s -> !s.process().isAlive()).findFirst().orElseThrow();
    }

    /** Stops the services first (gracefully, side by side: each drains its own work), then the broker and the database. */
    @Override
    public synchronized void close() {
        stopping = true;
        List<Thread> stops = new ArrayList<>();
        for (ServiceProcess service : services) {
            Thread stop = new Thread(service::close, "stop-" + service.name());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.removeAll(services);
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            try {
                next.close();
            }
            catch (Exception ex) {
                log.warn("Could not stop {} cleanly: {}", next, ex.toString());
            }
        }
    }

    private static Consumer<String> console(String service) {
        String prefix = String.format("%-19s| ", service);
        return line -> System.out.println(prefix + line);
    }
}
