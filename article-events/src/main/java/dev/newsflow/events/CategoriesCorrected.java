package dev.newsflow.events;

import java.time.Instant;
import java.util.List;

/**
 * An editor's correction of an article's categories, accepted by publish-service. Published on
 * {@link ArticleTopics#CATEGORY_CORRECTIONS}, keyed by {@link #articleId()}. enrichment-service applies it to the
 * stored article (the corrected categories replace the publisher's and the predicted ones of the same taxonomy),
 * trains the category model with it and publishes the corrected article as an {@link ArticleEnriched} event.
 *
 * @param schemaVersion version of this record's schema, {@link #SCHEMA_VERSION} when written
 * @param articleId the article corrected
 * @param categories the article's categories as the editor sets them: publisher labels (e.g. "World") and/or
 *                   IPTC Media Topic codes ({@code medtop:15000000}); empty clears the publisher's categories
 * @param publisher the publisher whose key made the correction (it owns the article)
 * @param correctedAt when publish-service accepted the correction
 */
public record CategoriesCorrected(int schemaVersion, String articleId, List<String> categories, String publisher,
        Instant correctedAt) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public CategoriesCorrected {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
