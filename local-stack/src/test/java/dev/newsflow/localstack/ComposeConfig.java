package dev.newsflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Docker Compose itself resolves it: the output of {@code docker-compose config} (Debian's
 * docker-compose 1.29, which .ci/run installs) for a given shell environment, with no {@code .env} file read.
 */
final class ComposeConfig {

    static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");
    // Variables a user's shell may carry that would change what compose resolves; each test names its own.
    private static final List<String> USER_VARIABLES = List.of("NEWSFLOW_API_KEY", "INGEST_API_KEYS");

    private final Map<String, Object> config;

    private ComposeConfig(Map<String, Object> config) {
        this.config = config;
    }

    static boolean available() {
        try {
            Process process = new ProcessBuilder("docker-compose", "version").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code docker-compose config} run as a user whose shell sets exactly {@code userEnvironment}. */
    static ComposeConfig resolve(Map<String, String> userEnvironment) {
        try {
            Path noEnvFile = Files.createTempFile("compose", ".env");
            ProcessBuilder builder = new ProcessBuilder("docker-compose", "--env-file", noEnvFile.toString(),
                    "-f", COMPOSE_FILE.toString(), "config");
            USER_VARIABLES.forEach(builder.environment()::remove);
            builder.environment().putAll(userEnvironment);
            Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("docker-compose config failed:\n" + output);
            }
            Files.delete(noEnvFile);
            return new ComposeConfig(map(new Yaml().load(output)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The environment the container of {@code service} gets. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((name, value) -> environment.put(name, value == null ? "" : String.valueOf(value)));
        return environment;
    }

    Map<String, Object> service(String name) {
        return map(map(config.get("services")).get(name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
