package dev.newsflow.ingest.formats;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article read from a whole page (HTML as fetched, or its text as a reader copies it): the fields of a
 * submission, each null if the page does not give it.
 *
 * @param title the headline
 * @param author the byline's names
 * @param publishedAt when it was published
 * @param url the canonical URL
 * @param source the source line ("Source: …"), else the site's name
 * @param categories section first, then categories
 * @param language the page's language tag
 * @param body the article's text, for {@link ArticleBody#ofText}, or null if {@code bodyHtml} is given
 * @param bodyHtml the article's HTML, for {@link ArticleBody#ofHtml}, or null
 */
public record Page(String title, String author, OffsetDateTime publishedAt, String url, String source,
        List<String> categories, String language, String body, String bodyHtml) {

    public Page {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
