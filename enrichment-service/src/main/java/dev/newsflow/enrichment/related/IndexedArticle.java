package dev.newsflow.enrichment.related;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the related-posts index holds of an article.
 *
 * @param articleId the article's id
 * @param version its content version
 * @param title headline, shown in other articles' related posts
 * @param url its URL, or {@code null}
 * @param time when it was published (else enriched): related posts and stories are chosen by this time
 * @param categoryCodes its category codes, e.g. {@code medtop:15000000} or a publisher's label
 * @param categoryLabels the categories' labels, in the same order
 * @param terms every stem of its text with its count and name mark, for ranking and document frequencies
 * @param stems the same stems as written by the analyzer, with their counts, for retrieval (the text field)
 * @param signature its body's MinHash signature ({@link ContentSignature}); empty for a short body
 * @param storyId its story
 * @param duplicateOf the article it is a copy of, or {@code null}
 */
public record IndexedArticle(String articleId, long version, String title, String url, Instant time,
        List<String> categoryCodes, List<String> categoryLabels, TermVector terms, Map<String, Integer> stems,
        MinHashSignature signature, String storyId, String duplicateOf) {

    public IndexedArticle {
        categoryCodes = List.copyOf(categoryCodes);
        categoryLabels = List.copyOf(categoryLabels);
    }
}
