package dev.newsflow.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An article as enriched and stored by enrichment-service. Published on {@link ArticleTopics#ARTICLE_ENRICHED},
 * keyed by {@link #articleId()}, after the stored document was written.
 *
 * @param schemaVersion version of this record's schema, {@link #SCHEMA_VERSION} when written
 * @param articleId stable id of the article, the Kafka key
 * @param version content version this enrichment was computed for
 * @param publisher publisher, or {@code null}
 * @param externalId the publisher's own id, or {@code null}
 * @param url canonical URL, or {@code null}
 * @param title headline
 * @param body plain-text body
 * @param author byline, or {@code null}
 * @param source where the story comes from, or {@code null}
 * @param publishedAt when the publisher published it, or {@code null}
 * @param language BCP 47 language tag, or {@code null}
 * @param categories the article's categories: the publisher's as given plus predicted ones
 * @param relatedPosts related articles, best first
 * @param keywords the article's top terms, best first, as Lucene's English analyzer stems them
 * @param submittedAt when ingest-service accepted this version
 * @param enrichedAt when enrichment-service finished this version
 * @param bodyHtml the body as sanitized HTML for display, if it was submitted as HTML; else {@code null}
 * @param photoCredits photo credit lines, kept apart from the text; empty if none
 * @param categoriesCorrectedAt when an editor last corrected the categories ({@link CategoriesCorrected}), or
 *                              {@code null}; an event for a correction repeats the article's {@code version}
 * @param change what this event reports about the article; {@code null} in events written before the field existed
 * @param keywordWeights the {@code keywords} with their TF-IDF weights (the vector is L2-normalised), best first;
 *                       empty in events written before the field existed
 * @param keyPhrases the article's key phrases (adjacent words, as written, lower case), best first
 * @param duplicateOf the id of the article this one is a near-identical copy of (a syndicated copy or a light
 *                    rewrite), or {@code null}; duplicates never appear in related posts
 * @param storyId the story the article belongs to: the id of the story's first article; articles about the same
 *                story share it
 * @param withdrawn the publisher withdrew (killed) the article: an event with {@code change} {@link Change#WITHDRAWN}
 *                  carries only what identifies it (id, version, publisher, external id, URL, title), and consumers
 *                  must stop showing it; {@code false} (never {@code null}) in events written before the field existed
 * @param embargoedUntil the embargo the article was held under until it appeared, or {@code null}; an article is
 *                       published on this topic only once its embargo is over
 */
public record ArticleEnriched(
        int schemaVersion,
        String articleId,
        long version,
        String publisher,
        String externalId,
        String url,
        String title,
        String body,
        String author,
        String source,
        Instant publishedAt,
        String language,
        List<CategoryAssignment> categories,
        List<RelatedPost> relatedPosts,
        List<String> keywords,
        Instant submittedAt,
        Instant enrichedAt,
        String bodyHtml,
        List<String> photoCredits,
        Instant categoriesCorrectedAt,
        Change change,
        Map<String, Double> keywordWeights,
        List<String> keyPhrases,
        String duplicateOf,
        String storyId,
        Boolean withdrawn,
        Instant embargoedUntil) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** What an enriched event reports about its article. */
    public enum Change {
        /** The first version of the article stored. */
        CREATED,
        /** A newer version of an article already stored (or the same version again, after a redelivery). */
        NEW_VERSION,
        /** An editor corrected the categories; the version is the same as before. */
        CATEGORIES_CORRECTED,
        /**
         * This article's related posts changed, the version is the same as before: a newer article joined them, or
         * one of them was withdrawn and left.
         */
        RELATED_POSTS_UPDATED,
        /**
         * The publisher withdrew (killed) the article, as this {@code version}: stop showing it, drop its content and
         * take it out of any list. A later version that is not withdrawn (a {@link #CREATED} event) reinstates it.
         */
        WITHDRAWN
    }

    public ArticleEnriched {
        categories = categories == null ? List.of() : List.copyOf(categories);
        relatedPosts = relatedPosts == null ? List.of() : List.copyOf(relatedPosts);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        photoCredits = photoCredits == null ? List.of() : List.copyOf(photoCredits);
        keywordWeights = keywordWeights == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keywordWeights));
        keyPhrases = keyPhrases == null ? List.of() : List.copyOf(keyPhrases);
        // A Boolean, so that an event without the field reads as not withdrawn with any JSON mapper.
        withdrawn = Boolean.TRUE.equals(withdrawn);
    }

    /** An article that is neither withdrawn nor was under embargo. */
    public ArticleEnriched(int schemaVersion, String articleId, long version, String publisher, String externalId, String url,
            String title, String body, String author, String source, Instant publishedAt, String language,
            List<CategoryAssignment> categories, List<RelatedPost> relatedPosts, List<String> keywords, Instant submittedAt,
            Instant enrichedAt, String bodyHtml, List<String> photoCredits, Instant categoriesCorrectedAt, Change change,
            Map<String, Double> keywordWeights, List<String> keyPhrases, String duplicateOf, String storyId) {
        this(schemaVersion, articleId, version, publisher, externalId, url, title, body, author, source, publishedAt, language,
                categories, relatedPosts, keywords, submittedAt, enrichedAt, bodyHtml, photoCredits, categoriesCorrectedAt, change,
                keywordWeights, keyPhrases, duplicateOf, storyId, false, null);
    }

    /** An event without the fields added for related posts and stories (keyword weights, key phrases, duplicates, stories). */
    public ArticleEnriched(int schemaVersion, String articleId, long version, String publisher, String externalId, String url,
            String title, String body, String author, String source, Instant publishedAt, String language,
            List<CategoryAssignment> categories, List<RelatedPost> relatedPosts, List<String> keywords, Instant submittedAt,
            Instant enrichedAt, String bodyHtml, List<String> photoCredits, Instant categoriesCorrectedAt, Change change) {
        this(schemaVersion, articleId, version, publisher, externalId, url, title, body, author, source, publishedAt, language,
                categories, relatedPosts, keywords, submittedAt, enrichedAt, bodyHtml, photoCredits, categoriesCorrectedAt, change,
                null, null, null, null, false, null);
    }

    /** This event reporting {@code change}. */
    public ArticleEnriched withChange(Change change) {
        return new ArticleEnriched(schemaVersion, articleId, version, publisher, externalId, url, title, body, author, source,
                publishedAt, language, categories, relatedPosts, keywords, submittedAt, enrichedAt, bodyHtml, photoCredits,
                categoriesCorrectedAt, change, keywordWeights, keyPhrases, duplicateOf, storyId, withdrawn, embargoedUntil);
    }

    /** This event with {@code relatedPosts} instead of its own. */
    public ArticleEnriched withRelatedPosts(List<RelatedPost> relatedPosts) {
        return new ArticleEnriched(schemaVersion, articleId, version, publisher, externalId, url, title, body, author, source,
                publishedAt, language, categories, relatedPosts, keywords, submittedAt, enrichedAt, bodyHtml, photoCredits,
                categoriesCorrectedAt, change, keywordWeights, keyPhrases, duplicateOf, storyId, withdrawn, embargoedUntil);
    }

    /**
     * The {@link Change#WITHDRAWN} event of this article as {@code version}: what identifies it, nothing of its
     * content (no body, categories, related posts or keywords), so that nobody shows it again from this event.
     */
    public ArticleEnriched withdrawnAs(long version, Instant at) {
        return new ArticleEnriched(schemaVersion, articleId, version, publisher, externalId, url, title, "", null, null,
                publishedAt, language, List.of(), List.of(), List.of(), submittedAt, at, null, List.of(), null,
                Change.WITHDRAWN, Map.of(), List.of(), null, storyId, true, embargoedUntil);
    }
}
