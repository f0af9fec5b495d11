package dev.newsflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return Commands.works("docker-compose", "version");
    }

    /** {@code docker-compose config} run as a user whose shell sets exactly {@code userEnvironment}. */
    static ComposeConfig resolve(Map<String, String> userEnvironment) {
        try {
            Path noEnvFile = Files.createTempFile("compose", ".env");
            ProcessBuilder builder = new ProcessBuilder("docker-compose", "--env-file", noEnvFile.toString(),
                    "-f", COMPOSE_FILE.toString(), "config");
            USER_VARIABLES.forEach(builder.environment()::remove);
            builder.environment().putAll(userEnvironment);
            String output = Commands.output(builder);
            Files.delete(noEnvFile);
            return new ComposeConfig(ServiceConfiguration.map(new Yaml().load(output)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The environment the container of {@code service} gets. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        ServiceConfiguration.map(service(service).get("environment")).forEach((name, value) -> environment.put(name, value == null ? "" : String.valueOf(value)));
        return environment;
    }

    Map<String, Object> service(String name) {
        return ServiceConfiguration.map(ServiceConfiguration.map(config.get("services")).get(name));
    }
}
