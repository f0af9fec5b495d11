package dev.newsflow.enrichment.store;

import java.time.Instant;
import java.util.List;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;

/** What related-post scoring needs of an enriched article. */
public record ArticleSummary(String articleId, String title, String url, List<String> keywords, List<String> categoryCodes,
        List<String> categoryLabels, Instant enrichedAt) {

    public static ArticleSummary of(ArticleEnriched article) {
        return new ArticleSummary(article.articleId(), article.title(), article.url(), article.keywords(),
                article.categories().stream().map(CategoryAssignment::code).toList(),
                article.categories().stream().map(CategoryAssignment::label).toList(), article.enrichedAt());
    }
}
