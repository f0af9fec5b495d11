package dev.newsflow.ingest.formats;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's visible text as a reader copies it, read into an article: the headline on the first line; then,
 * before the first paragraph or after the last, lines that are metadata: a byline ("By …", "Author: …",
 * "Name: …", or a name alone right under the headline), a date ("March 10, 2026, 2:30 PM UTC"), "Source: …", "Categories: A, B" (or "Section:"), a link to
 * the article ("URL: https://…", or the address alone). Furniture lines a copy picks up ("Advertisement", "Share
 * this article", "5 min read", "© 2026 …") are left out, there and anywhere in the story. The rest is the body, cleaned as any plain-text
 * body ({@link ArticleBody#ofText}): paragraphs between blank lines, or one a line if the copy has no blank lines.
 */
public final class PageText {

    private static final int MAX_TITLE = 300;
    private static final Pattern LABELLED_AUTHOR = Pattern.compile("^(?i:author|authors|name|byline|reporter|words)\\s*:\\s*(\\S.{0,200})$");
    private static final Pattern BY = Pattern.compile("^(?i:by|written by|words by)\\s+(\\S.{0,200})$");
    private static final Pattern SOURCE = Pattern.compile("^(?i:source|sources)\\s*:\\s*(\\S.{0,200})$");
    private static final Pattern CATEGORIES = Pattern.compile("^(?i:categories|category|section|sections|filed under)\\s*:\\s*(\\S.*)$");
    private static final Pattern URL = Pattern.compile("^(?:(?i:url|link|canonical|permalink)\\s*:\\s*)?(https?://\\S+)$");
    private static final Pattern FURNITURE = Pattern.compile("(?i)^(?:advertisement|skip advertisement|share|share this(?: article"
            + "| story)?|copy link|listen to this article|listen|save|print|comments?|\\d+\\s+min(?:ute)?s?\\s+read|"
            + "(?:tags|topics)\\s*:.*|©.*|copyright\\s.*|all rights reserved\\.?|(?:read more|related|see also|also read)\\s*:.{0,120})$");
    // A name alone on the line after the headline is the byline ("Ann Writer", "Ann Writer in Brussels").
    private static final Pattern BARE_NAME = Pattern.compile("^(?!(?i:by|written by|words by)\\s)\\p{Lu}[\\p{L}'’.-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+){1,3}"
            + "(?:\\s+(?:in|and)\\s+\\p{Lu}[\\p{L} '’.-]{1,40})?$");

    private PageText() {
    }

    /** The article in {@code text}; its title is null if the first line is not a headline. */
    public static Page read(String text) {
        List<String> lines = Arrays.stream(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1))
                .map(String::strip).toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isEmpty()) {
            first++;
        }
        if (first == lines.size()) {
            return new Page(null, null, null, null, null, List.of(), null, "", null);
        }
        String title = lines.get(first).length() <= MAX_TITLE ? lines.get(first) : null;
        Metadata metadata = new Metadata();
        int start = title == null ? first : first + 1;
        if (title != null && start < lines.size() && BARE_NAME.matcher(lines.get(start)).matches()) {
            metadata.author = lines.get(start).split("\\s+in\\s+")[0];
            start++;
        }
        while (start < lines.size() && (lines.get(start).isEmpty() || metadata.take(lines.get(start)))) {
            start++;
        }
        int end = lines.size();
        while (end > start && (lines.get(end - 1).isEmpty() || metadata.take(lines.get(end - 1)))) {
            end--;
        }
        // Furniture lines ("Advertisement", "Share this article") are left out wherever the copy picked them up.
        List<String> body = lines.subList(start, end).stream().filter(line -> !FURNITURE.matcher(line).matches()).toList();
        boolean blankLines = body.stream().anyMatch(String::isEmpty);
        return new Page(title, metadata.author, metadata.publishedAt, metadata.url, metadata.source,
                new ArrayList<>(metadata.categories), null, String.join(blankLines ? "\n" : "\n\n", body), null);
    }

    /** The metadata lines met so far: each kind taken once, the first met kept. */
    private static final class Metadata {

        private String author;
        private OffsetDateTime publishedAt;
        private String source;
        private String url;
        private final Set<String> categories = new LinkedHashSet<>();

        /** Takes {@code line} if it is metadata or furniture. */
        boolean take(String line) {
            Matcher match;
            if (FURNITURE.matcher(line).matches()) {
                return true;
            }
            if ((match = SOURCE.matcher(line)).matches()) {
                source = source == null ? match.group(1).strip() : source;
                return true;
            }
            if ((match = CATEGORIES.matcher(line)).matches()) {
                for (String category : match.group(1).split("\\s*[,;|]\\s*")) {
                    if (!category.isBlank() && category.length() <= 200) {
                        categories.add(category.strip());
                    }
                }
                return true;
            }
            if ((match = URL.matcher(line)).matches()) {
                url = url == null ? match.group(1) : url;
                return true;
            }
            if ((match = LABELLED_AUTHOR.matcher(line)).matches()
                    || (match = BY.matcher(line)).matches() && PhotoCredits.readsLikeNames(match.group(1))) {
                author = author == null ? byline(match.group(1)) : author;
                return true;
            }
            OffsetDateTime date = PageDates.ofLine(line);
            if (date != null) {
                publishedAt = publishedAt == null ? date : publishedAt;
                return true;
            }
            return false;
        }

        // "Maria Kovalenko, Moscow correspondent" or "Maria Kovalenko | March 10, 2026": the names.
        private static String byline(String text) {
            return text.split("\\s+[|•·]\\s+|,\\s+(?=[a-z])")[0].strip();
        }
    }
}
