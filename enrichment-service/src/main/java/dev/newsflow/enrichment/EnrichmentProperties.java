package dev.newsflow.enrichment;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of enrichment-service.
 *
 * @param source the CloudEvents {@code source} of the events this service writes
 * @param storeTimeout how long one MongoDB operation may take before the record is retried
 * @param transientRetryMaxInterval longest pause between retries while MongoDB or the broker is unavailable
 * @param categories category prediction settings
 * @param related related-posts settings
 */
@Validated
@ConfigurationProperties("newsflow.enrichment")
public record EnrichmentProperties(@NotBlank String source, @NotNull Duration storeTimeout,
        @NotNull Duration transientRetryMaxInterval,
        @Valid @NotNull Categories categories, @Valid @NotNull Related related) {

    /**
     * @param minConfidence predicted categories below this confidence are dropped
     * @param maxPredicted at most this many predicted categories per article and taxonomy
     * @param alpha the classifier's additive smoothing of term weights
     * @param evidence how sharply the classifier's confidence rises with clear evidence (the scale of an article's
     *                 normalised TF-IDF vector)
     * @param maxVocabulary at most this many terms per taxonomy are kept, in memory and in MongoDB
     * @param modelRefresh how often an instance checks MongoDB for training done by other instances
     */
    public record Categories(@DecimalMin("0") @DecimalMax("1") double minConfidence, @Min(0) int maxPredicted,
            @DecimalMin(value = "0", inclusive = false) double alpha, @DecimalMin(value = "0", inclusive = false) double evidence,
            @Min(1) int maxVocabulary, @NotNull Duration modelRefresh) {
    }

    /**
     * @param limit how many related posts an article gets
     * @param window only articles enriched this recently are candidates
     * @param candidates how many of the newest articles are compared
     * @param minSharedTerms a candidate must share at least this many keywords
     */
    public record Related(@Min(1) int limit, @NotNull Duration window, @Min(1) int candidates, @Min(1) int minSharedTerms) {
    }
}
