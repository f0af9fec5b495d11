package dev.newsflow.ingest.api;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An article as a publisher sends it to {@code POST /api/articles}: the body as plain text ({@code body}, paragraphs
 * separated by blank lines) or as HTML ({@code bodyHtml}); a title and one of them are required, except in a
 * withdrawal ({@code "status": "withdrawn"}), which needs only what identifies the article. {@code embargoedUntil}
 * holds the article back from readers until then. The publisher is not part of it: it is the owner of the API key the
 * request came with.
 */
record ArticleSubmission(
        @Size(max = 1000) String title,
        @Size(max = 1_048_576, message = "must be at most 1 MB (1,048,576 characters)") String body,
        @Size(max = 1_048_576, message = "must be at most 1 MB (1,048,576 characters)") String bodyHtml,
        @Size(max = 2048) @HttpUrl String url,
        @Size(max = 500) String author,
        @Size(max = 500) String source,
        OffsetDateTime publishedAt,
        @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag") String language,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> categories,
        @Size(max = 500) String externalId,
        @Pattern(regexp = PUBLISHED + "|" + WITHDRAWN, message = "must be " + PUBLISHED + " or " + WITHDRAWN) String status,
        OffsetDateTime embargoedUntil) {

    static final String PUBLISHED = "published";
    static final String WITHDRAWN = "withdrawn";

    boolean withdrawn() {
        return WITHDRAWN.equals(status);
    }
}
