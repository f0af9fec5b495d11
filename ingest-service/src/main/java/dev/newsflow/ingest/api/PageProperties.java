package dev.newsflow.ingest.api;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of whole-page submissions ({@code text/html}, {@code text/plain}).
 *
 * @param maxSize larger pages are refused with 413
 */
@Validated
@ConfigurationProperties("newsflow.ingest.pages")
record PageProperties(@NotNull DataSize maxSize) {
}
