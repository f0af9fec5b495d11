package dev.newsflow.ingest;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of ingest-service.
 *
 * @param articleBaseUrl where publish-service serves articles; the {@code Location} of a 202 is this plus the id
 * @param source the CloudEvents {@code source} of the events this service writes
 * @param apiKeys publishers' API keys as {@code publisher=<SHA-256 hex of the key>} entries
 * @param newsroomApiKey one key in plain for publisher {@code newsroom} ({@code NEWSFLOW_API_KEY}), hashed at start;
 *                       for a single newsroom, so that nobody computes a hash by hand
 * @param rateLimit requests each publisher may make
 * @param maxRequestSize larger requests are refused with 413
 */
@Validated
@ConfigurationProperties("newsflow.ingest")
public record IngestProperties(@NotNull URI articleBaseUrl, @NotBlank String source, @NotNull List<String> apiKeys,
        String newsroomApiKey, @Valid @NotNull RateLimit rateLimit, @NotNull DataSize maxRequestSize) {

    /**
     * A token bucket per publisher.
     *
     * @param requestsPerSecond sustained rate
     * @param burst how many requests may come at once after a quiet spell
     */
    public record RateLimit(@Min(1) int requestsPerSecond, @Min(1) int burst) {
    }
}
