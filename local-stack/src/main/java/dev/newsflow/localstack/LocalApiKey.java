package dev.newsflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's publisher API key: {@code NEWSFLOW_API_KEY} if set, else a random key generated on first
 * start and kept in {@code <data>/api-key} (readable by the owner only), so it stays the same across restarts.
 * ingest-service is given only its SHA-256.
 */
final class LocalApiKey {

    /** The publisher the local key belongs to. */
    static final String PUBLISHER = "newsroom";

    private LocalApiKey() {
    }

    static String loadOrCreate(Path dataDirectory) {
        String configured = System.getenv("NEWSFLOW_API_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        Path file = dataDirectory.resolve("api-key");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDirectory);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return key;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
