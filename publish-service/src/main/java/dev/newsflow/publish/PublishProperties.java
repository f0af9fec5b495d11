package dev.newsflow.publish;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of publish-service.
 *
 * @param source the CloudEvents {@code source} of the events this service writes
 * @param apiKeys publishers' API keys allowed to correct their own articles' categories, as
 *                {@code publisher=<SHA-256 hex of the key>} ({@code PUBLISH_API_KEYS}, by default ingest's
 *                {@code INGEST_API_KEYS})
 */
@Validated
@ConfigurationProperties("newsflow.publish")
public record PublishProperties(@NotBlank String source, @NotNull List<String> apiKeys) {
}
