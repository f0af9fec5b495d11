package dev.newsflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * What a deployment must agree with, read from a service's module: the variables its application.yml reads
 * (with their fallbacks), its HTTP port, and its Dockerfile. docker-compose.yml and deploy/kubernetes are checked
 * against it.
 */
final class ServiceConfiguration {

    static final Path ROOT = Path.of("..");
    static final List<String> SERVICES = List.of("ingest-service", "enrichment-service", "publish-service");
    /** Spring Boot's own variable for management.server.port, which the services' YAML leaves unset. */
    static final String MANAGEMENT_PORT = "MANAGEMENT_SERVER_PORT";
    /**
     * Variables Spring Boot binds by itself (relaxed binding) that a deployment may set although no application.yml
     * names them: Actuator's own port (the YAML leaves it unset, so tests and the local stack keep Actuator on the
     * service port) and structured logs.
     */
    static final Set<String> SPRING_BOOT_VARIABLES = Set.of(MANAGEMENT_PORT, "LOGGING_STRUCTURED_FORMAT_CONSOLE");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private ServiceConfiguration() {
    }

    /** The variables {@code service}'s application.yml reads, each with its fallback ({@code null} if none). */
    static Map<String, String> placeholders(String service) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(read(applicationYmlPath(service)));
        int from = 0;
        // Searching on just inside each match finds nested ones too: ${PUBLISH_API_KEYS:${INGEST_API_KEYS:}}.
        while (matcher.find(from)) {
            found.putIfAbsent(matcher.group(1), matcher.group(2));
            from = matcher.start() + 2;
        }
        return found;
    }

    static int serverPort(String service) {
        Object port = map(applicationYml(service).get("server")).get("port");
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(port));
        return Integer.parseInt(placeholder.matches() ? placeholder.group(2) : String.valueOf(port));
    }

    static Map<String, Object> applicationYml(String service) {
        Map<String, Object> merged = new LinkedHashMap<>();
        // application.yml may hold several documents; the first one carries the defaults.
        for (Object document : new Yaml().loadAll(read(applicationYmlPath(service)))) {
            if (merged.isEmpty() && document instanceof Map<?, ?>) {
                merged.putAll(map(document));
            }
        }
        return merged;
    }

    static Path dockerfile(String service) {
        return ROOT.resolve(service).resolve("Dockerfile");
    }

    /** The numeric user the image runs as ({@code USER uid[:gid]}), or -1 if it names none. */
    static long imageUser(String service) {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)(:\\d+)?$").matcher(read(dockerfile(service)));
        return user.find() ? Long.parseLong(user.group(1)) : -1;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Path applicationYmlPath(String service) {
        return ROOT.resolve(service).resolve("src/main/resources/application.yml");
    }
}
