package dev.newsflow.enrichment.store;

import java.util.List;

/** What related-post scoring needs of a stored article. */
public record ArticleSummary(String articleId, String title, String url, List<String> keywords, List<String> categoryCodes,
        List<String> categoryLabels) {
}
