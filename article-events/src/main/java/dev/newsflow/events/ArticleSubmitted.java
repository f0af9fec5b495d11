package dev.newsflow.events;

import java.time.Instant;
import java.util.List;

/**
 * An article accepted by ingest-service. Published on {@link ArticleTopics#ARTICLE_SUBMITTED}, keyed by
 * {@link #articleId()}.
 *
 * @param schemaVersion version of this record's schema, {@link #SCHEMA_VERSION} when written
 * @param articleId stable id of the article, the Kafka key
 * @param version monotonically increasing content version; consumers apply an event only if newer
 * @param publisher publisher the article was submitted for, or {@code null} if unknown
 * @param externalId the publisher's own id of the article, or {@code null}
 * @param url canonical URL of the article, or {@code null}
 * @param title headline
 * @param body plain-text body, paragraphs separated by blank lines, repeated paragraphs and photo credits removed
 * @param author byline, or {@code null}
 * @param source where the story comes from ("Source: …" on the page), or {@code null}
 * @param publishedAt when the publisher published it, or {@code null}
 * @param language BCP 47 language tag, or {@code null}
 * @param categories the publisher's own categories as given (e.g. "World"); empty if none
 * @param submittedAt when ingest-service accepted it
 * @param bodyHtml the body as sanitized HTML for display, if it was submitted as HTML; else {@code null}
 * @param photoCredits photo credit lines found in the body ("Photo: …"), kept apart from the text; empty if none
 * @param withdrawn the publisher withdrew (killed) the article with this version: it must no longer be shown
 *                  anywhere; {@code title} and {@code body} may then be empty. A later version that is not withdrawn
 *                  reinstates it. {@code false} (never {@code null}) in events written before the field existed
 * @param embargoedUntil the article must not be shown before this instant (an embargo), or {@code null}
 */
public record ArticleSubmitted(
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
        List<String> categories,
        Instant submittedAt,
        String bodyHtml,
        List<String> photoCredits,
        Boolean withdrawn,
        Instant embargoedUntil) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public ArticleSubmitted {
        categories = categories == null ? List.of() : List.copyOf(categories);
        photoCredits = photoCredits == null ? List.of() : List.copyOf(photoCredits);
        // A Boolean, so that an event without the field reads as not withdrawn with any JSON mapper.
        withdrawn = Boolean.TRUE.equals(withdrawn);
    }

    /** An article that is neither withdrawn nor under embargo. */
    public ArticleSubmitted(int schemaVersion, String articleId, long version, String publisher, String externalId, String url,
            String title, String body, String author, String source, Instant publishedAt, String language,
            List<String> categories, Instant submittedAt, String bodyHtml, List<String> photoCredits) {
        this(schemaVersion, articleId, version, publisher, externalId, url, title, body, author, source, publishedAt, language,
                categories, submittedAt, bodyHtml, photoCredits, false, null);
    }
}
