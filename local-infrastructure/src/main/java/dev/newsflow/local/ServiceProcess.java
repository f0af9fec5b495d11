package dev.newsflow.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One newsflow service running as a child JVM from its runnable jar, configured through environment variables
 * and command-line properties exactly as a deployment would configure it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code jar} on {@code port}; each line the service prints goes to {@code output}.
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions, Map<String, String> environment,
            List<String> arguments, Consumer<String> output) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No runnable jar for " + name + " at " + jar.toAbsolutePath()
                    + ": build it first with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Thread pump = new Thread(() -> pump(process, output), name + "-output");
            pump.setDaemon(true);
            pump.start();
            log.info("Started {} (pid {}) on port {}", name, process.pid(), port);
            return new ServiceProcess(name, port, process);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
    }

    /**
     * The runnable jar of {@code service} (e.g. {@code ingest-service}) where the build puts it:
     * {@code local-stack/target/services}, seen from the repository root or from local-stack; the system property
     * {@code newsflow.services.dir} overrides it.
     */
    public static Path jar(String service) {
        return jar(jarDirectory(), service);
    }

    /**
     * The jar to start {@code service} from in {@code directory}: the build's extracted layout
     * ({@code <service>/<service>.jar} beside its {@code lib/}, Spring Boot's {@code jarmode=tools extract}) when it is
     * there, else the runnable jar itself. Started from the extracted layout a service needs about a fifth less CPU to
     * start (no nested jars to read), which counts where several stacks start at once on two cores.
     */
    public static Path jar(Path directory, String service) {
        Path extracted = directory.resolve(service).resolve(service + ".jar");
        return Files.isRegularFile(extracted) ? extracted : directory.resolve(service + ".jar");
    }

    public static Path jarDirectory() {
        String configured = System.getProperty("newsflow.services.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path fromRoot = Path.of("local-stack", "target", "services");
        return fromRoot.toFile().isDirectory() ? fromRoot : Path.of("target", "services");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Waits until the service's actuator health endpoint answers UP. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, ex);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, ex);
            }
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s");
    }

    /** Asks the service to stop (SIGTERM, so it shuts down gracefully) and waits; kills it if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("{} did not stop within {} s; killing it", name, STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("Stopped {}", name);
    }

    private static void pump(Process process, Consumer<String> output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output);
        }
        catch (IOException | UncheckedIOException ex) {
            // the process is gone; nothing more to read
        }
    }
}
