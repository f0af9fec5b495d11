package dev.newsflow.enrichment.related;

import java.time.Instant;
import java.util.List;

/**
 * An indexed article found by a query.
 *
 * @param terms its whole text as a {@link TermVector}, for ranking
 * @param score the query's score: BM25 for candidates, estimated Jaccard similarity for copies
 */
public record Candidate(String articleId, long version, String title, String url, Instant time, List<String> categoryCodes,
        List<String> categoryLabels, TermVector terms, String storyId, String duplicateOf, double score) {

    static Candidate of(IndexedArticle article, double score) {
        return new Candidate(article.articleId(), article.version(), article.title(), article.url(), article.time(),
                article.categoryCodes(), article.categoryLabels(), article.terms(), article.storyId(), article.duplicateOf(),
                score);
    }
}
