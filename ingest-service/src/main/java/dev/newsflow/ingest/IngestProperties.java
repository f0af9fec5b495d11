package dev.newsflow.ingest;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of ingest-service.
 *
 * @param articleBaseUrl where publish-service serves articles; the {@code Location} of a 202 is this plus the id
 * @param source the CloudEvents {@code source} of the events this service writes
 */
@Validated
@ConfigurationProperties("newsflow.ingest")
public record IngestProperties(@NotNull URI articleBaseUrl, @NotBlank String source) {
}
