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
 * @param embargo settings of announcing embargoed articles
 */
@Validated
@ConfigurationProperties("newsflow.enrichment")
public record EnrichmentProperties(@NotBlank String source, @NotNull Duration storeTimeout,
        @NotNull Duration transientRetryMaxInterval,
        @Valid @NotNull Categories categories, @Valid @NotNull Related related, @Valid @NotNull Embargo embargo) {

    /**
     * Announcing embargoed articles ({@link EmbargoRelease}).
     *
     * @param releaseAttempts an article whose announcement failed this often (other than for want of MongoDB or the
     *                        broker, which is retried until they are back) is taken off the schedule
     * @param releaseMaxBackOff the longest pause between two such attempts (the pause doubles from a second)
     */
    public record Embargo(@Min(1) int releaseAttempts, @NotNull Duration releaseMaxBackOff) {
    }

    /**
     * @param minConfidence predicted categories below this confidence are dropped
     * @param maxPredicted at most this many predicted categories per article and taxonomy
     * @param alpha the classifier's additive smoothing of term weights
     * @param evidence how sharply the classifier's confidence rises with clear evidence (the scale of an article's
     *                 normalised TF-IDF vector)
     * @param maxVocabulary at most this many terms per taxonomy are kept, in memory and in MongoDB
     * @param modelRefresh how often an instance checks MongoDB for training done by other instances
     * @param embeddings whether IPTC topics are also scored with the in-process embedding model (else by words only)
     * @param secondLabelMin an IPTC topic after the best one is assigned only from this confidence on
     * @param minLiftOverChance a predicted publisher category also needs this many times chance (one over the number
     *                          of categories) as its confidence
     * @param embeddingScale how much a publisher category's embedding centroid counts beside the words (logit per unit
     *                       of cosine; 0: the learned models use the words alone)
     */
    public record Categories(@DecimalMin("0") @DecimalMax("1") double minConfidence, @Min(0) int maxPredicted,
            @DecimalMin(value = "0", inclusive = false) double alpha, @DecimalMin(value = "0", inclusive = false) double evidence,
            @Min(1) int maxVocabulary, @NotNull Duration modelRefresh, boolean embeddings,
            @DecimalMin("0") @DecimalMax("1") double secondLabelMin, @DecimalMin("1") double minLiftOverChance,
            @DecimalMin("0") double embeddingScale) {
    }

    /**
     * Related posts, keywords, copies and stories (see {@link dev.newsflow.enrichment.related.RelatedPostFinder}).
     *
     * @param limit how many related posts an article gets
     * @param window related articles are at most this far apart in time; the index holds this much
     * @param depth how many of the index's best matches are scored
     * @param keywords how many weighted keywords an article carries (and is matched by)
     * @param keyPhrases how many key phrases an article carries
     * @param minSimilarity the least keyword cosine that makes two articles related
     * @param duplicateSimilarity the least estimated Jaccard similarity of body shingles that makes an article a copy
     * @param storySimilarity the least keyword cosine that puts an article into another's story
     * @param storyWindow articles of one story are at most this far apart
     * @param recencyHalfLife the time apart that halves the recency part of the score
     * @param reverseUpdates at most this many older articles get a new article into their related posts
     * @param reverseMinScore the least score at which a new article enters an older article's related posts
     * @param indexDirectory where the index lives; empty for a temporary directory (it is rebuilt at start-up)
     * @param pruneEvery how often articles that left the window are removed from the index
     */
    public record Related(@Min(1) int limit, @NotNull Duration window, @Min(1) int depth, @Min(1) int keywords,
            @Min(0) int keyPhrases, @DecimalMin("0") @DecimalMax("1") double minSimilarity,
            @DecimalMin("0") @DecimalMax("1") double duplicateSimilarity, @DecimalMin("0") @DecimalMax("1") double storySimilarity,
            @NotNull Duration storyWindow, @NotNull Duration recencyHalfLife, @Min(0) int reverseUpdates,
            @DecimalMin("0") @DecimalMax("1") double reverseMinScore, String indexDirectory, @NotNull Duration pruneEvery) {
    }
}
