package dev.newsflow.publish;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;

/**
 * An enriched article as publish-service answers it over HTTP and on its streams: {@code body} is plain text,
 * {@code bodyHtml} sanitized HTML for display (or {@code null}), {@code photoCredits} the credit lines of its photos,
 * {@code categoriesCorrectedAt} when an editor last corrected its categories (or {@code null}), {@code change} what
 * the event reports ({@code created}, {@code new-version}, {@code categories-corrected}, {@code related-posts-updated};
 * {@code null} from a query), {@code keyPhrases} the article's key phrases, {@code storyId} the story it belongs to,
 * {@code duplicateOf} the article it is a near-identical copy of (or {@code null}).
 */
public record ArticleView(String id, long version, String publisher, String externalId, String url, String title,
        String body, String bodyHtml, List<String> photoCredits, String author, String source, Instant publishedAt,
        String language, List<Category> categories, List<Related> relatedPosts, Instant enrichedAt,
        Instant categoriesCorrectedAt, String change, List<String> keyPhrases, String storyId, String duplicateOf) {

    /** A category chip: taxonomy, stable code, label, confidence and where it came from. */
    public record Category(String taxonomy, String code, String label, double confidence, String origin) {
    }

    /** An entry of "Related posts". */
    public record Related(String id, String title, String url, double score, List<String> reasons) {
    }

    public static ArticleView of(ArticleEnriched event) {
        return new ArticleView(event.articleId(), event.version(), event.publisher(), event.externalId(), event.url(),
                event.title(), event.body(), event.bodyHtml(), event.photoCredits(), event.author(), event.source(),
                event.publishedAt(), event.language(),
                event.categories().stream().map(ArticleView::category).toList(),
                event.relatedPosts().stream().map(ArticleView::related).toList(), event.enrichedAt(),
                event.categoriesCorrectedAt(),
                event.change() == null ? null : event.change().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                event.keyPhrases(), event.storyId(), event.duplicateOf());
    }

    private static Category category(CategoryAssignment category) {
        return new Category(category.taxonomy(), category.code(), category.label(), category.confidence(),
                category.origin().name().toLowerCase(Locale.ROOT));
    }

    private static Related related(RelatedPost post) {
        return new Related(post.articleId(), post.title(), post.url(), post.score(), post.reasons());
    }
}
