package dev.newsflow.events;

import java.util.List;

/**
 * An entry of an article's "Related posts".
 *
 * @param articleId id of the related article
 * @param title its headline
 * @param url its URL, or {@code null}
 * @param score relevance, higher is more related
 * @param reasons why it is related (e.g. shared terms, shared category)
 */
public record RelatedPost(String articleId, String title, String url, double score, List<String> reasons) {

    public RelatedPost {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
