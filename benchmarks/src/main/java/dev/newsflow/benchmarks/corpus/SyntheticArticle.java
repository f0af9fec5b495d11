package dev.newsflow.benchmarks.corpus;

import java.time.Instant;

/**
 * An article of a synthetic corpus, with the truth the generator knows about it.
 *
 * @param id the article's id
 * @param publisher who published it
 * @param title headline
 * @param body plain text, paragraphs separated by blank lines
 * @param category the section it belongs to (e.g. "Sport")
 * @param publishedAt publication time
 * @param storyId the story it is about
 * @param copyOf the article it is a syndicated copy or light rewrite of, or {@code null} for an original
 */
public record SyntheticArticle(String id, String publisher, String title, String body, String category,
        Instant publishedAt, String storyId, String copyOf) {
}
